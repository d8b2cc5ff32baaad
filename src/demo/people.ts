import type { Lang } from "./grammar";

/** Every demo account signs in with this password (the README points visitors at `demo`). */
export const DEMO_PASSWORD = "quire-demo-password";
export const DEMO_LOGIN = "demo";

export interface DemoPerson {
  login: string;
  /** The first is the default pseud (named after the login, as every account's first pseud is). */
  pseuds: string[];
  /** The canons this writer works in, favourite first. */
  canons: string[];
  /** The language the writer also writes in, besides English. */
  language?: Exclude<Lang, "en">;
  /** The default pseud's description (plain text). */
  about: string;
}

export const PEOPLE: DemoPerson[] = [
  {
    login: DEMO_LOGIN,
    pseuds: ["demo", "Demo Writer"],
    canons: ["sherlock", "pride", "alice"],
    about: "The account to try Quire with: post, edit, tag and draft as you like.",
  },
  {
    login: "mycroft_reads",
    pseuds: ["mycroft_reads", "Umbrella Club"],
    canons: ["sherlock", "dracula"],
    about: "Mostly Baker Street. Occasionally Whitby. Always the brothers.",
  },
  {
    login: "longbourn_ink",
    pseuds: ["longbourn_ink", "Ink at Longbourn", "Mary B."],
    canons: ["pride", "littlewomen", "janeeyre"],
    about: "Regency, sisters, long walks. Comments answered slowly but always.",
  },
  {
    login: "thornfield_nights",
    pseuds: ["thornfield_nights", "Gin & Grace"],
    canons: ["janeeyre", "frankenstein", "dracula"],
    about: "Gothic heroines and the houses that keep them.",
  },
  {
    login: "whitby_tides",
    pseuds: ["whitby_tides", "Sea Fret"],
    canons: ["dracula", "sherlock", "odyssey"],
    about: "Sea frets, shorthand diaries and very patient monsters.",
  },
  {
    login: "ithaca_bound",
    pseuds: ["ithaca_bound"],
    canons: ["odyssey", "journey", "musketeers"],
    about: "Retellings of long journeys home.",
  },
  {
    login: "rabbit_hole_rita",
    pseuds: ["rabbit_hole_rita", "Rita R."],
    canons: ["alice", "littlewomen"],
    about: "Nonsense, written with great seriousness.",
  },
  {
    login: "plumfield_pen",
    pseuds: ["plumfield_pen", "Jo’s Inkwell"],
    canons: ["littlewomen", "pride", "alice"],
    about: "Four sisters, one garret, endless drafts.",
  },
  {
    login: "gascon_blade",
    pseuds: ["gascon_blade", "Quatre Épées"],
    canons: ["musketeers", "sherlock"],
    about: "Swords, friendship and terrible inns.",
  },
  {
    login: "ingolstadt_lab",
    pseuds: ["ingolstadt_lab", "Galvanic Heart", "V. F."],
    canons: ["frankenstein", "dracula", "janeeyre"],
    about: "Science gone wrong and people going right.",
  },
  {
    login: "huaguoshan_monkey",
    pseuds: ["huaguoshan_monkey", "花果山的猴子"],
    canons: ["journey", "sherlock", "pride"],
    language: "zh",
    about: "西游同人，偶尔也写贝克街。",
  },
  {
    login: "nevsky_notes",
    pseuds: ["nevsky_notes", "Невский"],
    canons: ["sherlock", "dracula", "musketeers"],
    language: "ru",
    about: "Пишу о Бейкер-стрит и не только.",
  },
  {
    login: "la_pluma_roja",
    pseuds: ["la_pluma_roja", "Pluma Roja"],
    canons: ["musketeers", "pride", "janeeyre"],
    language: "es",
    about: "Mosqueteros, bailes y páramos.",
  },
];
