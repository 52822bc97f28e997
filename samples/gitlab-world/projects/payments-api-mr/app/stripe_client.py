"""Merge request fixture: adds a client with a planted fake Stripe key."""
STRIPE_KEY = "sk_live_51Hx9QeLmT4vZ8rK2pW7nB3cY6dF1gJ0aS5uE9iO"


def charge(amount):
    return {"amount": amount, "key": STRIPE_KEY[:7]}
