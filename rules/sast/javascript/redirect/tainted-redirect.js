function afterLogin(req, res) {
  const next = req.query.next;
  if (next === "home") {
    // ok: picket.javascript.redirect.tainted-redirect
    return res.redirect("/home");
  }
  if (req.query.id) {
    // ok: picket.javascript.redirect.tainted-redirect
    return res.redirect("/users/" + encodeURIComponent(req.query.id));
  }
  if (req.body.back) {
    // ruleid: picket.javascript.redirect.tainted-redirect
    return res.redirect(302, req.body.back);
  }
  // ruleid: picket.javascript.redirect.tainted-redirect
  return res.redirect(next);
}
