// Clean: configuration comes from the environment; placeholders only.
export const config = {
  baseUrl: process.env.VISTA_BASE_URL ?? "{{BASE_URL}}",
  apiKey: process.env.VISTA_API_KEY ?? "<VISTA API KEY>",
  tenant: process.env.VISTA_TENANT ?? "<VISTA API KEY TENANT>",
  devApiUrl: "http://127.0.0.1:4010/api",
  tls: { rejectUnauthorized: true, minVersion: "TLSv1.2" },
};
