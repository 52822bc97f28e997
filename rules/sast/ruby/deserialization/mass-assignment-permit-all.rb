class UsersController < ApplicationController
  def update
    # ruleid: picket.ruby.deserialization.mass-assignment-permit-all
    @user.update(params[:user].permit!)
    # ruleid: picket.ruby.deserialization.mass-assignment-permit-all
    attrs = params.permit!
    # ok: picket.ruby.deserialization.mass-assignment-permit-all
    @user.update(params.require(:user).permit(:name, :email))
    # ok: picket.ruby.deserialization.mass-assignment-permit-all
    safe = user_params
  end
end
