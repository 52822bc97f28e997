require "net/http"
require "open-uri"

class PreviewController < ApplicationController
  def show
    # ruleid: picket.ruby.ssrf.tainted-request-url
    body = Net::HTTP.get(URI(params[:url]))
    # ruleid: picket.ruby.ssrf.tainted-request-url
    resp = HTTParty.get("http://#{params[:host]}/status")
    # ok: picket.ruby.ssrf.tainted-request-url
    s = HTTParty.get("https://api.example/search?q=#{CGI.escape(params[:q])}")
    # ok: picket.ruby.ssrf.tainted-request-url
    h = Net::HTTP.get(URI("https://api.example/health"))
    render plain: body
  end
end
