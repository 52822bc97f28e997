class UsersController < ApplicationController
  def index
    # ruleid: picket.ruby.injection.sql-tainted-query
    @users = User.where("name = '#{params[:name]}'")
    # ruleid: picket.ruby.injection.sql-tainted-query
    @sorted = User.order(params[:sort] + " DESC")
    # ok: picket.ruby.injection.sql-tainted-query
    @same = User.where(name: params[:name])
    # ok: picket.ruby.injection.sql-tainted-query
    @bound = User.where("name = ?", params[:name])
    # ok: picket.ruby.injection.sql-tainted-query
    @one = User.where("id = #{params[:id].to_i}")
  end
end
