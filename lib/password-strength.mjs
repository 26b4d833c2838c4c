// Whether a password someone chose for an operator is strong enough: at least 12 characters and not
// easy to guess by zxcvbn's estimate (score 3 of 4 or better, with the common-password and
// keyboard-pattern dictionaries, and the operator's own name and email counted as guessable).
// Plain JavaScript so `npm start` (scripts/start.mjs) can refuse a weak ADMIN_PASSWORD before the
// server starts; lib/passwords.ts uses the same check for passwords an admin types in the console.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
/** zxcvbn's score from 0 (too guessable) to 4 (very unguessable); 3 is "safely unguessable". */
export const MIN_STRENGTH_SCORE = 3;

// zxcvbn reports keys; these are its English texts (the language-en package, shortened).
const translations = {
  warnings: {
    straightRow: "Straight rows of keys on a keyboard are easy to guess.",
    keyPattern: "Short keyboard patterns are easy to guess.",
    simpleRepeat: 'Repeated characters like "aaa" are easy to guess.',
    extendedRepeat: 'Repeated patterns like "abcabcabc" are easy to guess.',
    sequences: 'Common sequences like "abc" or "1234" are easy to guess.',
    recentYears: "Recent years are easy to guess.",
    dates: "Dates are easy to guess.",
    topTen: "This is one of the most used passwords.",
    topHundred: "This is a very frequently used password.",
    common: "This is a commonly used password.",
    similarToCommon: "This is similar to a commonly used password.",
    wordByItself: "Single words are easy to guess.",
    namesByThemselves: "Single names or surnames are easy to guess.",
    commonNames: "Common names and surnames are easy to guess.",
    userInputs: "It contains the operator's name or email address.",
    pwned: "This password appeared in a data breach.",
  },
  suggestions: {
    l33t: "Avoid predictable substitutions like '@' for 'a'.",
    reverseWords: "Avoid reversed spellings of common words.",
    allUppercase: "Capitalize some, but not all, letters.",
    capitalization: "Capitalize more than the first letter.",
    dates: "Avoid dates and years that are associated with you.",
    recentYears: "Avoid recent years.",
    associatedYears: "Avoid years that are associated with you.",
    sequences: "Avoid common character sequences.",
    repeated: "Avoid repeated words and characters.",
    longerKeyboardPattern: "Use longer keyboard patterns and change typing direction several times.",
    anotherWord: "Add more words that are less common.",
    useWords: "Use several words, but avoid common phrases.",
    noNeed: "Strong passwords need no symbols, digits or capitals: length and uncommon words do it.",
    pwned: "If it is used anywhere else, change it there too.",
  },
  timeEstimation: {
    ltSecond: "less than a second",
    second: "{base} second",
    seconds: "{base} seconds",
    minute: "{base} minute",
    minutes: "{base} minutes",
    hour: "{base} hour",
    hours: "{base} hours",
    day: "{base} day",
    days: "{base} days",
    month: "{base} month",
    months: "{base} months",
    year: "{base} year",
    years: "{base} years",
    centuries: "centuries",
  },
};

let estimator;
// Built on first use: loading the dictionaries takes a moment that most processes never need.
function zxcvbn() {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, translations, maxLength: PASSWORD_MAX_LENGTH });
  return estimator;
}

/** The words of a name and an email (whole, run together, and each part) that a guesser would try first. */
export function personalWords(person = {}) {
  const words = new Set();
  for (const value of [person.email, person.name]) {
    const text = String(value ?? "").trim().toLowerCase();
    if (!text) continue;
    words.add(text);
    const parts = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    words.add(parts.join(""));
    for (const part of parts) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

/**
 * Why `password` is not good enough for an operator, or null when it is. `person` (their email and
 * name) counts as guessable. The message says what is wrong and what to do instead.
 */
export function passwordProblem(password, person = {}) {
  const value = String(password ?? "");
  if (value.length < PASSWORD_MIN_LENGTH) return `Password must be at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (value.length > PASSWORD_MAX_LENGTH) return `Password must be at most ${PASSWORD_MAX_LENGTH} characters.`;
  const result = zxcvbn().check(value, personalWords(person));
  if (result.score >= MIN_STRENGTH_SCORE) return null;
  const why = result.feedback.warning ? ` ${result.feedback.warning}` : "";
  const hints = result.feedback.suggestions.filter((s) => s !== translations.suggestions.noNeed);
  const todo = hints.length > 0 ? ` ${hints.join(" ")}` : "";
  return `This password is too easy to guess.${why}${todo} Try three or four unrelated words, or generate a password.`;
}

/**
 * Why the first admin's ADMIN_PASSWORD cannot be used, or null when it is unset (one is generated)
 * or strong. The message names the variable and says what to do.
 */
export function adminPasswordProblem(env = process.env) {
  const password = env.ADMIN_PASSWORD;
  if (password === undefined) return null;
  if (password === "") {
    return "ADMIN_PASSWORD is set but empty. Set a strong password for the first admin, or unset ADMIN_PASSWORD to have one generated into data/first-admin-password.";
  }
  const problem = passwordProblem(password, { email: env.ADMIN_EMAIL?.trim() || "admin@localhost", name: env.ADMIN_NAME?.trim() || "Administrator" });
  if (!problem) return null;
  return `ADMIN_PASSWORD is not accepted: ${problem} It is only used to create the first admin when there is no operator yet; once operators exist you can remove it.`;
}
