class SessionsController < ApplicationController
  def create
    if params[:next].blank?
      # ok: picket.ruby.redirect.tainted-redirect
      redirect_to root_path
    elsif params[:safe]
      # ok: picket.ruby.redirect.tainted-redirect
      redirect_to params[:next], allow_other_host: false
    elsif params[:back]
      # ruleid: picket.ruby.redirect.tainted-redirect
      redirect_to request.referer
    else
      # ruleid: picket.ruby.redirect.tainted-redirect
      redirect_to params[:next]
    end
  end
end
