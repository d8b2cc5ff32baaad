// Small vocabularies for synthetic titles, summaries and tag names.

/** Title words, most common first (titles draw from the head more often). */
export const TITLE_WORDS = `light night heart home storm winter summer sea star fire river road
garden house shadow rain song dream crown silver ghost moon glass stone city snow morning letter
harbor bridge lantern wolf raven orchard tide ember mirror thread compass map north island
library kingdom forest valley tower window door promise secret echo spring autumn dawn dusk
violet gold iron salt honey ash smoke feather bone wing thorn rose ivy lily meadow field hill
mountain lake well key clock bell candle ribbon paper ink quill book chapter verse hymn ballad
waltz dance game chess card coin ring blade arrow shield banner oath vow truce war peace fall
rise return journey voyage flight escape arrival departure beginning ending circle line edge
border shore cliff cave tunnel path trail street alley market festival feast winterlight
starfall moonrise sunfall firefly nightingale sparrow heron fox hare deer bear lion tiger
dragon serpent phoenix griffin unicorn kraken siren witch wizard knight king queen prince
princess thief pirate captain soldier healer scholar poet painter baker tailor smith sailor
stranger friend rival lover enemy brother sister mother father child ghostlight afterglow
homecoming heartbeat heartache wildfire undertow lighthouse riverbank starlight daybreak`
  .split(/\s+/)
  .filter((w) => w !== "");

export const SUMMARY_VERBS = `finds loses keeps remembers forgets follows leaves guards mends breaks
answers asks carries hides shows chooses builds burns crosses waits`.split(/\s+/);

export const FANTASY_WORDS = `Chronicles Saga Academy Legends Tales Online Quest Rising Empire
Station Files Diaries Mysteries Heroes Cycle Trilogy Sequence Kingdoms Odyssey Protocol`.split(/\s+/);

export const FREEFORM_HEADS = [
  "Fluff",
  "Angst",
  "Hurt/Comfort",
  "Alternate Universe",
  "Slow Burn",
  "Friendship",
  "Found Family",
  "Canon Divergence",
  "Post-Canon",
  "Humor",
  "Romance",
  "Drama",
  "Established Relationship",
  "Pining",
  "Domestic",
  "Mystery",
  "Adventure",
  "Character Study",
  "Getting Together",
  "Fix-It",
];

/** Common Han characters for titles of works in Chinese. */
export const HAN = "山水月风花雪夜星光心梦春秋雨天海云城门书剑歌人生路远归来".split("");
