import { z } from "zod";
import { normalizeName } from "../../lib/text";

// Login names are ASCII so that two accounts cannot look alike in a byline or a URL.
const login = z
  .string()
  .transform(normalizeName)
  .pipe(
    z
      .string()
      .min(3, "Your login name must be at least 3 characters long.")
      .max(40, "Your login name must be at most 40 characters long.")
      .regex(/^[A-Za-z0-9_]+$/, "Use only letters, digits and underscores in your login name."),
  );

const email = z
  .string()
  .transform((v) => v.normalize("NFC").trim())
  .pipe(
    z
      .string()
      .min(1, "Enter your email address.")
      .max(254, "An email address is at most 254 characters long.")
      .pipe(z.email("Enter a valid email address, like name@example.org.")),
  );

const newPassword = z
  .string()
  .min(8, "Your password must be at least 8 characters long.")
  .max(200, "Your password must be at most 200 characters long.");

const currentPassword = z.string().min(1, "Enter your current password.");

const CONFIRM_MESSAGE = "The two passwords don't match.";

export const signUpSchema = z
  .object({ login, email, password: newPassword, password_confirmation: z.string() })
  .refine((v) => v.password === v.password_confirmation, {
    path: ["password_confirmation"],
    message: CONFIRM_MESSAGE,
  });
export type SignUpInput = z.output<typeof signUpSchema>;

export const signInSchema = z.object({
  login: z
    .string()
    .transform((v) => v.normalize("NFC").trim())
    .pipe(
      z.string().min(1, "Enter your login name or email.").max(254, "That is longer than any login name."),
    ),
  password: z.string().min(1, "Enter your password.").max(200, "That is longer than any password."),
});

export const changePasswordSchema = z
  .object({ current_password: currentPassword, password: newPassword, password_confirmation: z.string() })
  .refine((v) => v.password === v.password_confirmation, {
    path: ["password_confirmation"],
    message: CONFIRM_MESSAGE,
  });

export const changeEmailSchema = z.object({ email, email_password: currentPassword });

export const preferencesSchema = z.object({
  skip_adult_notice: z.string().transform((v) => v === "1"),
});

export const WORKS_CHOICES = ["orphan", "delete"] as const;
export type WorksChoice = (typeof WORKS_CHOICES)[number];

export const deleteAccountSchema = z.object({
  works: z.enum(WORKS_CHOICES, { error: "Choose what happens to your works." }),
  current_password: currentPassword,
});
