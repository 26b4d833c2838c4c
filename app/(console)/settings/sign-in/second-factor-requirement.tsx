/** Placeholder, filled in with its own work. */
export async function SecondFactorRequirementSection() {
  return null;
}
