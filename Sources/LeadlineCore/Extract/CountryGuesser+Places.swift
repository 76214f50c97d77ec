extension CountryGuesser {
    /// Countries, main cities and ports buyers name, folded, mapped to the country. Chinese places are left out:
    /// they are the supplier's side of the trade.
    /// Key of a two-word place name from its words' hashes.
    static func pairKey(_ a: UInt64, _ b: UInt64) -> UInt64 { a &* 0x9E37_79B9_7F4A_7C15 ^ b }

    static let places: HashIndex<String> = {
        var map: [UInt64: String] = [:]
        let table: [(String, [String])] = [
            ("Nigeria", ["nigeria", "lagos", "abuja", "apapa", "onne", "kano", "port harcourt", "tin can", "ibadan"]),
            ("Ghana", ["ghana", "accra", "tema", "kumasi"]),
            ("Kenya", ["kenya", "nairobi", "mombasa", "eldoret", "kisumu"]),
            ("Tanzania", ["tanzania", "dar es", "arusha"]),
            ("South Africa", ["south africa", "johannesburg", "joburg", "durban", "cape town", "pretoria", "polokwane", "germiston"]),
            ("Egypt", ["egypt", "cairo", "alexandria", "مصر", "القاهرة"]),
            ("Morocco", ["morocco", "maroc", "casablanca", "agadir", "tanger"]),
            ("Algeria", ["algeria", "algerie", "alger", "oran"]),
            ("Côte d'Ivoire", ["abidjan", "ivoire"]),
            ("Senegal", ["senegal", "dakar"]),
            ("Cameroon", ["cameroon", "cameroun", "douala", "yaounde"]),
            ("Angola", ["angola", "luanda"]),
            ("Saudi Arabia", ["saudi", "ksa", "riyadh", "jeddah", "dammam", "جدة", "جده", "الرياض", "الدمام", "السعودية"]),
            ("United Arab Emirates", ["uae", "dubai", "sharjah", "jebel ali", "abu dhabi", "دبي"]),
            ("Kuwait", ["kuwait", "الكويت"]), ("Qatar", ["qatar", "doha"]), ("Oman", ["oman", "muscat"]),
            ("Iraq", ["iraq", "baghdad", "basra", "umm qasr", "العراق", "البصرة"]), ("Jordan", ["jordan", "amman", "عمّان"]),
            ("Turkey", ["turkey", "turkiye", "istanbul", "ankara", "izmir", "mersin", "bursa"]),
            ("Pakistan", ["pakistan", "karachi", "lahore", "islamabad", "faisalabad"]),
            ("India", ["india", "mumbai", "delhi", "chennai", "pune", "bengaluru", "bangalore", "ahmedabad",
                       "ludhiana", "kolkata", "hyderabad", "mundra", "nhava sheva", "gujarat", "vapi"]),
            ("Bangladesh", ["bangladesh", "dhaka", "chittagong", "gazipur"]), ("Sri Lanka", ["sri lanka", "colombo"]),
            ("Vietnam", ["vietnam", "viet nam", "hanoi", "hai phong", "haiphong", "ho chi minh", "cat lai", "da nang",
                         "can tho", "dong nai", "quy nhon"]),
            ("Malaysia", ["malaysia", "kuala lumpur", "port klang", "penang"]), ("Singapore", ["singapore", "新加坡"]),
            ("Indonesia", ["indonesia", "jakarta", "surabaya", "印尼"]),
            ("Philippines", ["philippines", "manila", "cebu", "davao"]),
            ("Thailand", ["thailand", "bangkok"]), ("Taiwan", ["taiwan", "台湾", "台灣", "台中", "台北"]),
            ("Australia", ["australia", "sydney", "melbourne", "brisbane", "perth", "adelaide"]),
            ("Poland", ["poland", "polska", "warszawa", "warsaw", "gdansk", "gdynia", "poznan", "krakow", "wroclaw",
                        "lodz", "bydgoszcz", "kielce", "konin", "slupsk"]),
            ("Germany", ["germany", "deutschland", "hamburg", "berlin", "munchen", "frankfurt", "bremen"]),
            ("Switzerland", ["switzerland", "schweiz", "zurich", "winterthur", "basel", "geneve"]),
            ("Austria", ["austria", "osterreich", "wien", "graz", "linz"]),
            ("France", ["france", "paris", "lyon", "marseille"]), ("Belgium", ["belgium", "belgique", "bruxelles", "brussels", "antwerp"]),
            ("Netherlands", ["netherlands", "rotterdam", "amsterdam"]),
            ("United Kingdom", ["uk", "united kingdom", "england", "london", "manchester", "felixstowe", "birmingham"]),
            ("Italy", ["italy", "italia", "milano", "milan", "roma", "genova", "genoa", "prato", "verona", "brescia", "napoli"]),
            ("Spain", ["spain", "espana", "madrid", "barcelona", "valencia", "sevilla"]),
            ("Portugal", ["portugal", "lisboa"]),
            ("Russia", ["russia", "россия", "москва", "moscow", "санкт", "новосибирск"]),
            ("Kazakhstan", ["kazakhstan", "казахстан", "алматы", "almaty", "астана"]),
            ("Uzbekistan", ["uzbekistan", "ташкент", "tashkent"]), ("Belarus", ["belarus", "минск", "minsk"]),
            ("Brazil", ["brazil", "brasil", "sao paulo", "santos", "curitiba", "goiania", "itajai", "paranagua"]),
            ("Argentina", ["argentina", "buenos aires"]), ("Chile", ["chile", "santiago", "valparaiso", "san antonio"]),
            ("Peru", ["peru", "lima", "callao", "arequipa"]), ("Colombia", ["colombia", "bogota", "medellin",
                     "cartagena", "buenaventura", "palmira"]),
            ("Ecuador", ["ecuador", "guayaquil", "quito"]), ("Mexico", ["mexico", "guadalajara", "monterrey",
                     "manzanillo", "veracruz"]),
            ("USA", ["usa", "united states", "houston", "dallas", "texas", "california", "new york", "los angeles",
                     "chicago", "miami"]),
            ("Canada", ["canada", "toronto", "vancouver", "montreal"]),
        ]
        for (country, names) in table {
            for name in names {
                let tokens = TextTokenizer.tokens(name)
                if tokens.count == 1 { map[tokens[0].hash] = country }
                if tokens.count == 2 { map[pairKey(tokens[0].hash, tokens[1].hash)] = country }
            }
        }
        return HashIndex(map)
    }()
}
