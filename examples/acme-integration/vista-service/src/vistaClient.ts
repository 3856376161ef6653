// Vista Integration Platform client for the Acme kiosk backend.
// Deliberately broken example for authaudit (see ../../EXPECTED).
import https from "node:https";
import axios from "axios";

const VISTA_API_KEY = "f7a7e06d7c1c400911d31690a8ff606e";
const VISTA_TENANT = "acme-cinemas";
const IDENTITY_HOST = "https://identity.vista.co";

const insecureAgent = new https.Agent({ rejectUnauthorized: false });

export async function partnerToken(): Promise<string> {
  const res = await axios.post(`${IDENTITY_HOST}/oauth/token`, {
    client_id: "acme-kiosk",
    grant_type: "client_credentials",
    client_secret: "Sa7XXhV6L9uf9D8DXa-RAnfBmKOO5KMOZPI-oVpbR2CDjlt1",
    audience: "https://partner.vista.co/",
    tenant_code: VISTA_TENANT,
  }, { httpsAgent: insecureAgent });
  return res.data.access_token;
}

export async function sessions(jwt: string) {
  return axios.get("https://integration.app.vista.co/api/sessions", {
    headers: {
      "Vista-Api-Key": VISTA_API_KEY,
      "Vista-Api-Tenant": VISTA_TENANT,
      Authorization: `Bearer ${jwt}`,
    },
    httpsAgent: insecureAgent,
  });
}
