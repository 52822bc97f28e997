import Hummingbird
import Logging

/// Counts and times every request by route (the router's pattern, e.g. `/findings/:id`, so ids never become
/// label values) and logs one line per request.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let services: PlatformServices

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let status: Int
        let response: Response
        do {
            response = try await next(request, context)
            status = Int(response.status.code)
        } catch {
            record(request, context, status: (error as? HTTPResponseError)?.status.code ?? 500, start: start)
            throw error
        }
        record(request, context, status: status, start: start)
        return response
    }

    private func record(_ request: Request, _ context: AppContext, status: Int, start: ContinuousClock.Instant) {
        let seconds = (ContinuousClock.now - start).seconds
        let route = context.endpointPath ?? "unmatched"
        services.metrics.increment("picket_http_requests_total", [("method", request.method.rawValue), ("route", route), ("status", String(status))])
        services.metrics.observe("picket_http_request_duration_seconds", [("route", route)], seconds)
        let level: Logger.Level = status >= 500 ? .error : (route.hasPrefix("/webhooks") || route == "/healthz" || route == "/metrics" ? .debug : .info)
        services.logger.log(level: level, "request", metadata: [
            "method": .string(request.method.rawValue), "route": .string(route), "path": .string(request.uri.path),
            "status": "\(status)", "ms": "\(String(format: "%.1f", seconds * 1000))",
            "user": .string(context.info.user ?? "-"),
        ])
    }
}
