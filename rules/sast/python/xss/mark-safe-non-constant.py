from django.utils.html import escape
from django.utils.safestring import mark_safe
from markupsafe import Markup


def bio(user):
    # ruleid: picket.python.xss.mark-safe-non-constant
    html = mark_safe("<b>" + user.bio + "</b>")
    # ruleid: picket.python.xss.mark-safe-non-constant
    badge = Markup(f"<span>{user.name}</span>")
    # ok: picket.python.xss.mark-safe-non-constant
    sep = mark_safe("<hr>")
    # ok: picket.python.xss.mark-safe-non-constant
    safe = mark_safe("<b>" + escape(user.bio) + "</b>")
    return html, badge, sep, safe
