require "open3"
require "shellwords"

class ToolsController < ApplicationController
  def ping
    host = params[:host]
    # ruleid: picket.ruby.injection.os-command-tainted
    out = `ping -c 1 #{host}`
    # ruleid: picket.ruby.injection.os-command-tainted
    system("nslookup " + params[:domain])
    # ok: picket.ruby.injection.os-command-tainted
    system("ping", "-c", "1", host)
    # ok: picket.ruby.injection.os-command-tainted
    stdout, status = Open3.capture2("ping -c 1 #{Shellwords.escape(host)}")
    render plain: out
  end
end
