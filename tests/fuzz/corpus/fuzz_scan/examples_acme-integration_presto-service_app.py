"""Acme box-office sync: pulls orders from the Presto Vendor Integration API.

Deliberately broken example for authaudit: every finding it should raise
is listed in ../EXPECTED.
"""
import os

import requests

PRESTO_BASE_URL = "http://vendor-api.presto.com"
PRESTO_EMAIL = "integrations@acme-cinemas.com"
PRESTO_PASSWORD = os.environ["PRESTO_PASSWORD"]
PRESTO_TOKEN = "7|KGpOyQNcdOyZbkBFTFoOxtzHq8STZHE6svi34zWH"


def issue_token():
    body = {
        "email": PRESTO_EMAIL,
        "password": PRESTO_PASSWORD,
        "token_name": "box-office-sync",
        "token_expiration_date": "2099-12-31",
    }
    resp = requests.post(
        PRESTO_BASE_URL + "/api/developer/v1/auth/token",
        json=body,
        verify=False,
        timeout=10,
    )
    resp.raise_for_status()
    return resp.json()["data"]["token"]["value"]


def list_orders(token=PRESTO_TOKEN):
    return requests.get(
        PRESTO_BASE_URL + "/api/developer/v1/orders",
        headers={"Authorization": "Bearer " + token},
        verify=False,
        timeout=10,
    ).json()
