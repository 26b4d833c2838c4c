/** Placeholder: "Sign in with single sign-on" (filled in with the SSO work). */
export async function SsoSignIn(_props: { next?: string; error?: string }) {
  return null;
}
