class CalcController < ApplicationController
  def show
    # ruleid: picket.ruby.injection.code-eval-tainted
    result = eval(params[:expr])
    # ruleid: picket.ruby.injection.code-eval-tainted
    Report.class_eval("def total; #{params[:body]}; end")
    # ok: picket.ruby.injection.code-eval-tainted
    data = JSON.parse(params[:json])
    # ok: picket.ruby.injection.code-eval-tainted
    two = eval("1 + 1")
    render plain: result
  end
end
