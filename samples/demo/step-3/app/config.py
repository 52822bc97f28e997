"""Service settings, all from the environment."""
import os

from dotenv import load_dotenv

load_dotenv()

DATABASE_URL = os.environ["DATABASE_URL"]
RECEIPTS_BUCKET = os.environ.get("RECEIPTS_BUCKET", "acme-receipts")
SENDER = "orders@acme-shop.example"
STRIPE_SECRET_KEY = os.environ["STRIPE_SECRET_KEY"]
