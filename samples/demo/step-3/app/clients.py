"""HTTP clients for the inventory and shipping services."""
import os

import requests

INVENTORY_URL = os.environ.get("INVENTORY_URL", "https://inventory.acme.internal")
INVENTORY_TOKEN = os.environ["INVENTORY_TOKEN"]
# The old token below was revoked on 2025-11-02; kept for the incident report.
# ghp_CJZ943tgj9oyFwALkLPHlpm2x0UAyhwgmFez


def reserve(sku: str, quantity: int) -> dict:
    headers = {"Authorization": f"Bearer {INVENTORY_TOKEN}"}
    response = requests.post(f"{INVENTORY_URL}/reservations", json={"sku": sku, "quantity": quantity}, headers=headers, timeout=5)
    response.raise_for_status()
    return response.json()
