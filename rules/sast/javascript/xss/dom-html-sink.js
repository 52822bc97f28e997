function render(el, comment) {
  const q = new URLSearchParams(location.search).get("q");
  // ruleid: picket.javascript.xss.dom-html-sink
  el.innerHTML = "<b>" + q + "</b>";
  // ruleid: picket.javascript.xss.dom-html-sink
  document.write(comment.body);
  // ok: picket.javascript.xss.dom-html-sink
  el.textContent = q;
  // ok: picket.javascript.xss.dom-html-sink
  el.innerHTML = "<hr>";
  // ok: picket.javascript.xss.dom-html-sink
  el.innerHTML = DOMPurify.sanitize(comment.body);
}
