import Foundation
import GRDB
import Testing
@testable import LeadlineStore

@Suite("Dates written by the tick are the text GRDB writes, so they compare and read back the same")
struct StoredDateTests {
    @Test("random dates from 1970 to 2100, with fractions near a millisecond's edge, match GRDB's text")
    func matchesGRDB() {
        var generator = SystemRandomNumberGenerator()
        var dates: [Date] = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_768_291_500),
            Date(timeIntervalSince1970: 1_768_291_500.9995), Date(timeIntervalSince1970: 1_768_291_500.0004),
            Date(timeIntervalSince1970: 951_782_400), // 2000-02-29
            .distantFuture,
        ]
        for _ in 0 ..< 2000 {
            let seconds = Double.random(in: 0 ... 4_102_444_800, using: &generator)
            dates.append(Date(timeIntervalSince1970: seconds))
            dates.append(Date(timeIntervalSince1970: seconds.rounded(.down) + 0.999_9))
        }
        for date in dates {
            #expect(StoredDate.text(date) == String.fromDatabaseValue(date.databaseValue), "\(date.timeIntervalSince1970)")
        }
    }
}
