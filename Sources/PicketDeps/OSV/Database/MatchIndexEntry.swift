import PicketCore

/// What the advisory database keeps beside each (ecosystem, name) → record link: the record's id and the
/// `affected` entries naming that package (package, ranges, versions), as compact JSON, uncompressed.
///
/// Matching needs only these. A scan evaluates every candidate record from its entries and decompresses and
/// decodes the full record (text, severity, references, aliases) only for the ones that affect the package:
/// most candidates do not, and inflating and decoding them was two fifths of a scan's time.
enum MatchIndexEntry {
    /// One entry per lookup key the record has, with the entries naming that key.
    static func entries(of record: OSVRecord) -> [(ecosystem: String, name: String, entries: [UInt8])] {
        var byKey: [String: (ecosystem: String, name: String, affected: [OSVAffected])] = [:]
        var order: [String] = []
        for entry in record.affected {
            guard let p = entry.package, !p.ecosystem.isEmpty, !p.name.isEmpty else { continue }
            let (eco, name) = AdvisoryStore.key(ecosystem: p.ecosystem, name: p.name)
            let k = eco + "\u{0}" + name
            if byKey[k] == nil {
                byKey[k] = (eco, name, [])
                order.append(k)
            }
            byKey[k]!.affected.append(entry)
        }
        return order.map { k in
            let v = byKey[k]!
            return (v.ecosystem, v.name, encode(id: record.id, v.affected))
        }
    }

    /// `{"affected":[{"package":{…},"ranges":[…],"versions":[…]}],"id":"…"}`: an OSV record with only what matching reads.
    static func encode(id: String, _ affected: [OSVAffected]) -> [UInt8] {
        var json = JSONEmitter(reserve: 512, compact: true)
        json.object { o in
            o.field("affected", each: affected) { a, entry in
                a.object { e in
                    if let p = entry.package {
                        e.field("package", object: { x in
                            x.field("ecosystem", p.ecosystem)
                            x.field("name", p.name)
                            x.field("purl", p.purl)
                        })
                    }
                    e.field("ranges", each: entry.ranges) { a, range in
                        a.object { r in
                            r.field("events", each: range.events) { a, event in
                                a.object { ev in
                                    switch event {
                                    case .fixed(let v): ev.field("fixed", v)
                                    case .introduced(let v): ev.field("introduced", v)
                                    case .lastAffected(let v): ev.field("last_affected", v)
                                    case .limit(let v): ev.field("limit", v)
                                    }
                                }
                            }
                            r.field("repo", range.repo)
                            r.field("type", range.type)
                        }
                    }
                    e.field("versions", entry.versions)
                }
            }
            o.field("id", id)
        }
        return json.bytes
    }

    /// Reads an entry back as a partial `OSVRecord` (id and affected entries only).
    static func decode(_ bytes: [UInt8]) -> OSVRecord? {
        bytes.withUnsafeBufferPointer(OSVRecord.decodeFast)
    }
}
