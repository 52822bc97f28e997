module UsersHelper
  def badge(user)
    # ruleid: picket.ruby.xss.html-safe-non-constant
    a = "<span>#{user.name}</span>".html_safe
    # ruleid: picket.ruby.xss.html-safe-non-constant
    b = raw(user.bio)
    # ok: picket.ruby.xss.html-safe-non-constant
    c = "<br>".html_safe
    # ok: picket.ruby.xss.html-safe-non-constant
    d = content_tag(:span, user.name)
    [a, b, c, d]
  end
end
