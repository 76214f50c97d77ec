extension EntityScanner {
    /// Reads a multipart body: preamble, parts (each ended by its own or any ancestor's boundary line), epilogue.
    /// A missing opening boundary reads the body as one part; a missing closing boundary ends the parts at the end
    /// of input or at an ancestor's boundary; each case leaves a diagnostic.
    mutating func readMultipart(_ part: inout MIMEPart, boundary: [UInt8], depth: Int,
                                childPath: (Int) -> String) throws(MIMEError) -> (MIMEPart, Ending) {
        let bodyStart = position
        let childDefault = part.contentType == "multipart/digest" ? "message/rfc822" : "text/plain"
        boundaries.append(boundary)
        let level = boundaries.count - 1
        defer { boundaries.removeLast() }
        // Preamble: up to the first boundary line.
        var outerEnding: Ending = .endOfInput
        var sawOpen = false
        var closed = false
        var preambleEnd = bytes.count
        while position < bytes.count {
            let (contentEnd, next) = lineBounds(position)
            if let match = boundaryMatch(at: position, contentEnd: contentEnd) {
                if match.level != level { outerEnding = .boundary(level: match.level); break }
                if match.close { closed = true; preambleEnd = position; position = next; break }
                sawOpen = true
                break
            }
            position = next
        }
        if !sawOpen {
            diagnostics.append(MIMEDiagnostic(kind: .startBoundaryNotFound, partPath: part.path, field: "Content-Type",
                                              detail: "multipart boundary never appears; its body is read as one part"))
            if closed { // everything after the close boundary is epilogue, up to an ancestor boundary
                while position < bytes.count {
                    let (contentEnd, next) = lineBounds(position)
                    if let match = boundaryMatch(at: position, contentEnd: contentEnd), match.level != level {
                        outerEnding = .boundary(level: match.level); break
                    }
                    position = next
                }
            }
            part.bodyRange = bodyStart ..< (closed ? preambleEnd : outerEnding.isEndOfInput ? bytes.count : position)
            return (part, outerEnding)
        }
        var children: [MIMEPart] = []
        outerEnding = .endOfInput
        closed = false
        partLoop: while position < bytes.count {
            // At an own open boundary line: skip it and any boundary lines that follow at once.
            while position < bytes.count {
                let (contentEnd, next) = lineBounds(position)
                guard let match = boundaryMatch(at: position, contentEnd: contentEnd), match.level == level else { break }
                position = next
            }
            var (child, ending) = try readEntity(path: childPath(children.count + 1), depth: depth + 1, defaultType: childDefault)
            if case .endOfInput = ending, !child.isContainer, child.mainType != "multipart" {
                // The last part of an unclosed multipart loses its final line break too (as in Python's reading).
                child.bodyRange = child.bodyRange.lowerBound ..< trimLineBreak(before: child.bodyRange.upperBound, notBefore: child.bodyRange.lowerBound)
            }
            children.append(child)
            switch ending {
            case .endOfInput:
                break partLoop
            case .boundary(let hit) where hit != level:
                outerEnding = .boundary(level: hit)
                break partLoop
            case .boundary:
                let (contentEnd, next) = lineBounds(position)
                if let match = boundaryMatch(at: position, contentEnd: contentEnd), match.close {
                    closed = true
                    position = next
                    break partLoop
                }
            }
        }
        if closed {
            // Epilogue: up to an ancestor's boundary or the end.
            while position < bytes.count {
                let (contentEnd, next) = lineBounds(position)
                if let match = boundaryMatch(at: position, contentEnd: contentEnd), match.level != level {
                    outerEnding = .boundary(level: match.level); break
                }
                position = next
            }
        } else {
            diagnostics.append(MIMEDiagnostic(kind: .closeBoundaryNotFound, partPath: part.path, field: "Content-Type",
                                              detail: "multipart has no closing boundary; its parts end at the end of input"))
        }
        part.children = children
        part.isContainer = true
        part.bodyRange = bodyStart ..< trimmedEnd(outerEnding, start: bodyStart)
        return (part, outerEnding)
    }

    func trimmedEnd(_ ending: Ending, start: Int) -> Int {
        switch ending {
        case .endOfInput: return bytes.count
        case .boundary: return trimLineBreak(before: position, notBefore: start)
        }
    }
}
