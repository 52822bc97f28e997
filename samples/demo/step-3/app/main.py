from decimal import Decimal

import psycopg
import stripe
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

from . import config

app = FastAPI(title="acme-orders")
stripe.api_key = config.STRIPE_SECRET_KEY


class Order(BaseModel):
    customer_email: str
    sku: str
    quantity: int
    unit_price: Decimal


@app.post("/orders")
def create_order(order: Order):
    amount = int(order.unit_price * order.quantity * 100)
    try:
        intent = stripe.PaymentIntent.create(amount=amount, currency="eur", receipt_email=order.customer_email)
    except stripe.error.StripeError as exc:
        raise HTTPException(status_code=402, detail=str(exc))
    with psycopg.connect(config.DATABASE_URL) as conn:
        conn.execute(
            "INSERT INTO orders (email, sku, quantity, amount, payment_intent) VALUES (%s, %s, %s, %s, %s)",
            (order.customer_email, order.sku, order.quantity, amount, intent.id),
        )
    return {"payment_intent": intent.id, "status": intent.status}


@app.get("/health")
def health():
    return {"ok": True}
