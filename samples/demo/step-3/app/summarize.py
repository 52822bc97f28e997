"""Writes a one-paragraph summary of an order for the receipt mail."""
import anthropic

client = anthropic.Anthropic(api_key="sk-ant-api03-xd3XNf8HXoTqNlYL951otNw2rlGNrY1YSOvp3EkflnOd9iE_2sk946etFd8ZgflJOjQK79jiDXtsxR5BZHMHDXt_LLdV4AA")


def summarize(order_lines: list[str]) -> str:
    message = client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=200,
        messages=[{"role": "user", "content": "Summarize this order for a receipt:\n" + "\n".join(order_lines)}],
    )
    return message.content[0].text
