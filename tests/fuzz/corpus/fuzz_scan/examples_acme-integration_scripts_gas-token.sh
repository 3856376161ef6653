#!/bin/sh
# Fetch a Vista GAS access token for manual testing.
# Deliberately broken example for authaudit (see ../EXPECTED).
curl 'https://auth.vista.co/connect/token' \
  --header 'Content-Type: application/x-www-form-urlencoded' \
  --data-urlencode 'grant_type=password' \
  --data-urlencode 'client_id=acme-loyalty' \
  --data-urlencode 'username=acme-loyalty-svc' \
  --data-urlencode 'password=BC5Gco7fcopoFShyAO9H'
