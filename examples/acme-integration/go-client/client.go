// Package prestofi talks to the Presto Financial Institutions API.
// Deliberately broken example for authaudit (see ../EXPECTED).
package prestofi

import (
	"crypto/tls"
	"net/http"
	"os"
	"time"
)

// BaseURL comes from the environment.
var BaseURL = os.Getenv("PRESTO_FI_BASE_URL")

// New returns the HTTP client used for every call.
func New() *http.Client {
	return &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{
			TLSClientConfig: &tls.Config{
				InsecureSkipVerify: true,
				MinVersion:         tls.VersionTLS10,
			},
		},
	}
}

// NewStrict is the clean variant.
func NewStrict() *http.Client {
	return &http.Client{Transport: &http.Transport{
		TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS12},
	}}
}
