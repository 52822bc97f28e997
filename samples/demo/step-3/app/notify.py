"""Posts order events to the #orders channel."""
import requests

SLACK_WEBHOOK = "https://hooks.slack.com/services/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"


def order_paid(order_id: str, amount_cents: int) -> None:
    text = f"Order {order_id} paid: {amount_cents / 100:.2f} EUR"
    requests.post(SLACK_WEBHOOK, json={"text": text}, timeout=5)
