"""Service settings."""
import os

from dotenv import load_dotenv

load_dotenv()

DATABASE_URL = os.environ["DATABASE_URL"]
RECEIPTS_BUCKET = os.environ.get("RECEIPTS_BUCKET", "acme-receipts")
SENDER = "orders@acme-shop.example"

# TODO: move to the environment before going live
STRIPE_SECRET_KEY = "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"
