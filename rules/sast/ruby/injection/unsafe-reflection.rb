class ReportsController < ApplicationController
  ALLOWED = { "daily" => DailyReport, "weekly" => WeeklyReport }.freeze

  def show
    # ruleid: picket.ruby.injection.unsafe-reflection
    klass = params[:type].constantize
    # ruleid: picket.ruby.injection.unsafe-reflection
    value = @report.send(params[:field])
    # ok: picket.ruby.injection.unsafe-reflection
    fixed = @report.send(:summary)
    # ok: picket.ruby.injection.unsafe-reflection
    chosen = ALLOWED.fetch("daily")
    render json: [klass, value, fixed, chosen]
  end
end
