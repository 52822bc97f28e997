module CommentsHelper
  def comment_html
    # ruleid: picket.ruby.xss.html-safe-tainted
    a = "<p>#{params[:body]}</p>".html_safe
    # ruleid: picket.ruby.xss.html-safe-tainted
    b = raw(params[:signature])
    # ok: picket.ruby.xss.html-safe-tainted
    c = "<p>#{sanitize(params[:body])}</p>".html_safe
    # ok: picket.ruby.xss.html-safe-tainted
    d = "<hr>".html_safe
    [a, b, c, d]
  end
end
