import { describe, expect, it } from "vitest";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/schemas/admin";
import { adminPasswordProblem, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem, personalWords } from "./password-strength.mjs";

const ada = { email: "ada.lovelace@example.test", name: "Ada Lovelace" };

describe("passwordProblem", () => {
  it("accepts long, uncommon passwords and passphrases", () => {
    for (const password of ["correct horse battery staple", "e2e-Quartz-lantern-4817-harbor", "Tr0ub4dor&3xyz", "a typed password!"]) {
      expect(passwordProblem(password, ada), password).toBeNull();
    }
  });

  it("refuses fewer than 12 characters before anything else", () => {
    expect(passwordProblem("Xk9#pQ2!vL7", ada)).toBe("Password must be at least 12 characters.");
    expect(passwordProblem("p".repeat(257))).toBe("Password must be at most 256 characters.");
  });

  it.each([
    ["password1234", "This is similar to a commonly used password."],
    ["qwertyuiop123", "This is similar to a commonly used password."],
    ["aaaaaaaaaaaa", 'Repeated characters like "aaa" are easy to guess.'],
    ["letmein123456", "This is similar to a commonly used password."],
  ])("refuses %s and says why and what to do", (password, warning) => {
    const problem = passwordProblem(password, ada);
    expect(problem).toMatch(/^This password is too easy to guess\. /);
    expect(problem).toContain(warning);
    expect(problem).toMatch(/Try three or four unrelated words, or generate a password\.$/);
  });

  it("counts the operator's own name and email as guessable", () => {
    for (const password of ["AdaLovelace!1", "adalovelace12", "ada.lovelace@example.test"]) {
      expect(passwordProblem(password, ada), password).toContain("It contains the operator's name or email address.");
      // The same password for someone else is not tied to them.
      expect(passwordProblem(password, { email: "grace@example.test", name: "Grace Hopper" }) ?? "", password).not.toContain("name or email");
    }
  });

  it("splits a name and an email into the words a guesser tries", () => {
    expect(personalWords(ada).sort()).toEqual(
      ["ada", "ada lovelace", "ada.lovelace@example.test", "adalovelace", "adalovelaceexampletest", "example", "lovelace", "test"].sort(),
    );
    expect(personalWords({})).toEqual([]);
  });

  it("uses the same length limits as the forms", () => {
    expect([PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH]).toEqual([PASSWORD_MIN, PASSWORD_MAX]);
  });
});

describe("adminPasswordProblem (the first admin's ADMIN_PASSWORD)", () => {
  it("has nothing to say when ADMIN_PASSWORD is unset (one is generated) or strong", () => {
    expect(adminPasswordProblem({})).toBeNull();
    expect(adminPasswordProblem({ ADMIN_PASSWORD: "e2e-Quartz-lantern-4817-harbor" })).toBeNull();
  });

  it("refuses an empty ADMIN_PASSWORD explicitly", () => {
    expect(adminPasswordProblem({ ADMIN_PASSWORD: "" })).toBe(
      "ADMIN_PASSWORD is set but empty. Set a strong password for the first admin, or unset ADMIN_PASSWORD to have one generated into data/first-admin-password.",
    );
  });

  it("refuses a short or weak ADMIN_PASSWORD, naming the variable and the reason", () => {
    expect(adminPasswordProblem({ ADMIN_PASSWORD: "changeme" })).toMatch(/^ADMIN_PASSWORD is not accepted: Password must be at least 12 characters\. /);
    const weak = adminPasswordProblem({ ADMIN_PASSWORD: "password1234" });
    expect(weak).toContain("ADMIN_PASSWORD is not accepted: This password is too easy to guess. This is similar to a commonly used password.");
    expect(weak).toContain("once operators exist you can remove it");
  });

  it("counts ADMIN_EMAIL and ADMIN_NAME (or their defaults) as guessable", () => {
    expect(adminPasswordProblem({ ADMIN_PASSWORD: "MargaretHamilton1", ADMIN_NAME: "Margaret Hamilton" })).toContain("name or email");
    expect(adminPasswordProblem({ ADMIN_PASSWORD: "MargaretHamilton1" })).toBeNull();
    expect(adminPasswordProblem({ ADMIN_PASSWORD: "Administrator123" })).toContain("name or email");
  });
});
