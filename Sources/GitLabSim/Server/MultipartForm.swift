import Foundation

/// Minimal multipart/form-data reader for text fields (GitLab accepts API params this way too).
enum MultipartForm {
    static func parse(_ data: Data, contentType: String) -> Params {
        var params = Params()
        guard let r = contentType.range(of: "boundary=") else { return params }
        var boundary = String(contentType[r.upperBound...])
        if let semi = boundary.firstIndex(of: ";") { boundary = String(boundary[..<semi]) }
        boundary = boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        let text = String(decoding: data, as: UTF8.self)
        for part in text.components(separatedBy: "--" + boundary) {
            guard let split = part.range(of: "\r\n\r\n") else { continue }
            let head = part[..<split.lowerBound]
            var value = String(part[split.upperBound...])
            if value.hasSuffix("\r\n") { value.removeLast(2) }
            guard let nameRange = head.range(of: "name=\"") else { continue }
            let afterName = head[nameRange.upperBound...]
            guard let end = afterName.firstIndex(of: "\"") else { continue }
            params.pairs.append((String(afterName[..<end]), value))
        }
        return params
    }
}
