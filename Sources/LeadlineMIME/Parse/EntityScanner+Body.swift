extension EntityScanner {
    /// How an entity's body ended.
    enum Ending {
        var isEndOfInput: Bool { if case .endOfInput = self { return true } else { return false } }

        /// The input ended.
        case endOfInput
        /// A boundary line (at `position`, not consumed) of the active boundary at `level` ended it.
        case boundary(level: Int)
    }

    /// Reads one entity (headers and body) at `position`.
    mutating func readEntity(path: String, depth: Int, defaultType: String) throws(MIMEError) -> (MIMEPart, Ending) {
        deepest = max(deepest, depth)
        let rawHeaders = try readHeaders(path: path, isRoot: depth == 0)
        let bodyStart = position
        var contentTypeValue: String?
        var dispositionValue: String?
        var encodingValue: String?
        for header in rawHeaders {
            switch header.name.lowercased() {
            case "content-type" where contentTypeValue == nil: contentTypeValue = String(decoding: header.value, as: UTF8.self)
            case "content-disposition" where dispositionValue == nil: dispositionValue = String(decoding: header.value, as: UTF8.self)
            case "content-transfer-encoding" where encodingValue == nil: encodingValue = String(decoding: header.value, as: UTF8.self)
            default: break
            }
        }
        let contentType = contentTypeValue.map(HeaderParameters.contentType) ?? defaultType
        let typeParameters = contentTypeValue.map { HeaderParameters.parameters($0, decoder: decoder) } ?? [:]
        let disposition = dispositionValue.map(HeaderParameters.mainValue)
        let dispositionParameters = dispositionValue.map { HeaderParameters.parameters($0, decoder: decoder) } ?? [:]
        let encoding = encodingValue.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? "7bit"
        let headers = decodeHeaders(rawHeaders, charset: typeParameters["charset"], path: path)
        let filename = (dispositionParameters["filename"] ?? typeParameters["name"]).map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var part = MIMEPart(path: path, headers: headers, contentType: contentType, contentTypeParameters: typeParameters,
                            disposition: disposition, dispositionParameters: dispositionParameters,
                            transferEncoding: encoding, filename: filename, bodyRange: bodyStart ..< bodyStart,
                            children: [], isContainer: false)
        let childPath = { (index: Int) in path.isEmpty ? "\(index)" : "\(path).\(index)" }
        let tooDeep = depth >= options.maxPartDepth
        if tooDeep && (part.mainType == "multipart" || part.mainType == "message") {
            if options.rejectExcessiveDepth {
                throw MIMEError(code: .tooDeep, offset: bodyStart, limit: options.maxPartDepth, actual: depth + 1)
            }
            diagnostics.append(MIMEDiagnostic(kind: .depthLimit, partPath: path,
                                              detail: "parts nest deeper than \(options.maxPartDepth) levels; this part is kept unparsed"))
        }
        if !tooDeep && part.mainType == "message" && part.contentType != "message/delivery-status"
            && !(part.contentType == "message/external-body") {
            let (child, ending) = try readEntity(path: childPath(1), depth: depth + 1, defaultType: "text/plain")
            part.children = [child]
            part.isContainer = true
            part.bodyRange = bodyStart ..< max(bodyStart, child.bodyRange.upperBound)
            return (part, ending)
        }
        if !tooDeep && part.mainType == "multipart" {
            guard let boundary = typeParameters["boundary"].map({ Array($0.trimmingTrailingWhitespace().utf8) }), !boundary.isEmpty else {
                diagnostics.append(MIMEDiagnostic(kind: .missingBoundaryParameter, partPath: path, field: "Content-Type",
                                                  detail: "multipart without a boundary parameter; its body is read as one part"))
                let ending = readLeafBody(&part)
                return (part, ending)
            }
            var (multipart, ending) = try readMultipart(&part, boundary: boundary, depth: depth, childPath: childPath)
            // 8-bit header bytes of a multipart root that names no charset: the charset of its first text part is
            // the sender's best guess (a GBK subject above gb2312 parts), before the configured fallback.
            if depth == 0, typeParameters["charset"] == nil, rawHeaders.contains(where: { $0.value.contains { $0 >= 0x80 } }),
               let bodyCharset = Self.firstCharset(in: multipart) {
                multipart.headers = decodeHeaders(rawHeaders, charset: bodyCharset, path: path)
            }
            return (multipart, ending)
        }
        let ending = readLeafBody(&part)
        return (part, ending)
    }

    /// Reads a leaf body up to the next active boundary line or the end of input.
    mutating func readLeafBody(_ part: inout MIMEPart) -> Ending {
        let start = position
        while position < bytes.count {
            let (contentEnd, next) = lineBounds(position)
            if let match = boundaryMatch(at: position, contentEnd: contentEnd) {
                // A multipart read as a leaf keeps its last line break (its epilogue, empty, takes the boundary's).
                part.bodyRange = start ..< (part.mainType == "multipart" ? position : trimLineBreak(before: position, notBefore: start))
                return .boundary(level: match.level)
            }
            position = next
        }
        part.bodyRange = start ..< bytes.count
        return .endOfInput
    }

    /// The line break before a boundary line belongs to the boundary (RFC 2046 5.1.1).
    func trimLineBreak(before end: Int, notBefore start: Int) -> Int {
        var end = end
        if end > start, bytes[end - 1] == 0x0A { end -= 1 }
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return end
    }

    /// The charset parameter of the first part (depth first) that names one.
    static func firstCharset(in part: MIMEPart) -> String? {
        if let charset = part.charset { return charset }
        for child in part.children { if let found = firstCharset(in: child) { return found } }
        return nil
    }

    /// Header values as text: UTF-8 when valid, else the part's charset, else the configured fallback.
    func decodeHeaders(_ raw: [RawHeader], charset: String?, path: String) -> [HeaderField] {
        raw.map { header in
            if header.value.allSatisfy({ $0 < 0x80 }) {
                return HeaderField(name: header.name, value: String(decoding: header.value, as: UTF8.self))
            }
            let (utf8, invalid) = CharsetDecoder.decodeUTF8(header.value)
            if invalid == 0 { return HeaderField(name: header.name, value: utf8) }
            let label = charset.flatMap { Charset.resolve($0) == nil || Charset.resolve($0) == .utf8 ? nil : $0 }
                ?? options.headerFallbackCharset
            return HeaderField(name: header.name, value: decoder.decode(header.value, label: label).text)
        }
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        // On the bytes: a trailing space or tab is one ASCII byte and a Character of its own (a combining mark
        // after it would be the last byte instead), so this trims exactly what a Character-level loop would.
        let utf8 = self.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex {
            let before = utf8.index(before: end)
            guard utf8[before] == 0x20 || utf8[before] == 0x09 else { break }
            end = before
        }
        return end == utf8.endIndex ? self : String(self[..<end])
    }
}
