from flask import redirect, request, url_for


def login_done():
    nxt = request.args.get("next")
    if nxt == "home":
        # ok: picket.python.redirect.tainted-redirect
        return redirect(url_for("index"))
    if not nxt:
        # ok: picket.python.redirect.tainted-redirect
        return redirect("/dashboard")
    if nxt.startswith("x"):
        # ruleid: picket.python.redirect.tainted-redirect
        return redirect(request.form["back"])
    # ruleid: picket.python.redirect.tainted-redirect
    return redirect(nxt)
