// Vista Digital Platform (GAS) access tokens for the loyalty widget.
// Deliberately broken example for authaudit (see ../../EXPECTED).
import tls from "node:tls";

const GAS_URL = process.env.GAS_URL ?? "https://auth.vista.co/connect/token";

export const gasTls: tls.ConnectionOptions = { minVersion: "TLSv1" };

export async function gasToken(): Promise<string> {
  const body = new URLSearchParams({
    grant_type: "password",
    client_id: "acme-loyalty",
    username: process.env.GAS_USERNAME ?? "",
    password: process.env.GAS_PASSWORD ?? "",
  });
  const res = await fetch(GAS_URL, { method: "POST", body });
  return (await res.json()).access_token;
}
