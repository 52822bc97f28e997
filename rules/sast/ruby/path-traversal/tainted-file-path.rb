class DownloadsController < ApplicationController
  BASE = "/srv/files"

  def show
    # ruleid: picket.ruby.path-traversal.tainted-file-path
    data = File.read(File.join(BASE, params[:file]))
    # ruleid: picket.ruby.path-traversal.tainted-file-path
    send_file "#{BASE}/#{params[:name]}"
    # ok: picket.ruby.path-traversal.tainted-file-path
    safe = File.read(File.join(BASE, File.basename(params[:file])))
    # ok: picket.ruby.path-traversal.tainted-file-path
    send_file Rails.root.join("public", "logo.png")
  end
end
