require "erb"

class PagesController < ApplicationController
  def preview
    # ruleid: picket.ruby.injection.template-injection
    html = ERB.new("<h1>" + params[:title] + "</h1>").result(binding)
    # ruleid: picket.ruby.injection.template-injection
    render inline: params[:template]
  end

  def show
    # ok: picket.ruby.injection.template-injection
    html = ERB.new("<h1><%= title %></h1>").result_with_hash(title: params[:title])
    # ok: picket.ruby.injection.template-injection
    render inline: "<p><%= @page.title %></p>"
  end
end
