class PaymentsController < ApplicationController
  # ruleid: picket.ruby.config.csrf-protection-skipped
  skip_before_action :verify_authenticity_token
end

class WebhooksController < ApplicationController
  # ruleid: picket.ruby.config.csrf-protection-skipped
  skip_forgery_protection only: [:create]
end

class ApplicationController < ActionController::Base
  # ok: picket.ruby.config.csrf-protection-skipped
  protect_from_forgery with: :exception
  # ok: picket.ruby.config.csrf-protection-skipped
  before_action :authenticate_user!
end
