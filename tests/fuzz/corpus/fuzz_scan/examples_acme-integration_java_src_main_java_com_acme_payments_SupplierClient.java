package com.acme.payments;

import java.net.http.HttpClient;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Supplier API client (ApiKey header). Deliberately broken example for
 * authaudit (see ../../../../../../EXPECTED).
 */
public final class SupplierClient {
    private static final String API_KEY = System.getenv("RESELLER_API_KEY");

    static HttpClient insecureClient() throws Exception {
        TrustManager[] trustAll = { new X509TrustManager() {
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }
        } };
        SSLContext ctx = SSLContext.getInstance("TLSv1.1");
        ctx.init(null, trustAll, null);
        return HttpClient.newBuilder().sslContext(ctx).build();
    }

    static String apiKey() {
        return API_KEY;
    }
}
