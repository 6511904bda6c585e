// SPDX-License-Identifier: GPL-2.0-or-later
// The word lists of the entity recogniser: known organisations, place aliases, demonyms, given
// names, organisation cues and role words.
#include "entity_data.h"

#include <array>

namespace morgue::indexer::entity_data {
namespace {

using A = std::string_view;

// Aliases of each known organisation. International bodies cover the ORGS vocabulary of
// Reuters-21578 and today's news; companies and institutions are the ones news names bare,
// without a "Corp" or "Bank" cue the rules would catch.
constexpr auto kEc = std::to_array<A>(
    {"EC", "EEC", "European Economic Community", "European Communities", "Common Market"});
constexpr auto kEu = std::to_array<A>({"EU"});
constexpr auto kOpec = std::to_array<A>({"Organization of Petroleum Exporting Countries",
                                         "Organisation of Petroleum Exporting Countries",
                                         "Organization of the Petroleum Exporting Countries",
                                         "Organisation of the Petroleum Exporting Countries"});
constexpr auto kOapec = std::to_array<A>({"Organization of Arab Petroleum Exporting Countries"});
constexpr auto kImf = std::to_array<A>({"IMF"});
constexpr auto kWorldBank =
    std::to_array<A>({"IBRD", "International Bank for Reconstruction and Development"});
constexpr auto kGatt = std::to_array<A>({"General Agreement on Tariffs and Trade"});
constexpr auto kWto = std::to_array<A>({"WTO"});
constexpr auto kUn = std::to_array<A>({"UN", "U.N."});
constexpr auto kNato =
    std::to_array<A>({"North Atlantic Treaty Organization", "North Atlantic Treaty Organisation"});
constexpr auto kOecd = std::to_array<A>({"Organisation for Economic Cooperation and Development",
                                         "Organization for Economic Cooperation and Development",
                                         "Organisation for Economic Co-operation and Development"});
constexpr auto kAsean = std::to_array<A>(
    {"Association of Southeast Asian Nations", "Association of South East Asian Nations"});
constexpr auto kComecon = std::to_array<A>({"CMEA", "Council for Mutual Economic Assistance"});
constexpr auto kEfta = std::to_array<A>({"European Free Trade Association"});
constexpr auto kIea = std::to_array<A>({"IEA"});
constexpr auto kIaea = std::to_array<A>({"IAEA"});
constexpr auto kBis = std::to_array<A>({"BIS"});
constexpr auto kUnctad = std::to_array<A>({"United Nations Conference on Trade and Development"});
constexpr auto kFao = std::to_array<A>({"FAO"});
constexpr auto kIlo = std::to_array<A>({"ILO"});
constexpr auto kWho = std::to_array<A>({"WHO"});
constexpr auto kIco = std::to_array<A>({"ICO", "International Coffee Organisation"});
constexpr auto kIcco = std::to_array<A>({"ICCO", "International Cocoa Organisation"});
constexpr auto kItc = std::to_array<A>({"ITC"});
constexpr auto kIwcWheat = std::to_array<A>({"IWC"});
constexpr auto kIwcWhale = std::to_array<A>({"International Whaling Commission"});
constexpr auto kAdbAsia = std::to_array<A>({"Asian Development Bank"});
constexpr auto kAdbAfrica = std::to_array<A>({"African Development Bank"});
constexpr auto kIda = std::to_array<A>({"IDA"});
constexpr auto kEib = std::to_array<A>({"EIB"});
constexpr auto kEcsc = std::to_array<A>({"ECSC"});
constexpr auto kGcc =
    std::to_array<A>({"GCC", "Gulf Cooperation Council", "Gulf Co-operation Council"});
constexpr auto kIata = std::to_array<A>({"IATA"});
constexpr auto kInro = std::to_array<A>({"INRO", "International Natural Rubber Organisation"});
constexpr auto kIsa = std::to_array<A>({"ISO", "International Sugar Organisation"});
constexpr auto kIisi = std::to_array<A>({"IISI"});
constexpr auto kIlzsg = std::to_array<A>({"ILZSG"});
constexpr auto kIrsg = std::to_array<A>({"IRSG"});
constexpr auto kIwcc = std::to_array<A>({"IWCC"});
constexpr auto kIws = std::to_array<A>({"IWS"});
constexpr auto kIwto = std::to_array<A>({"IWTO"});
constexpr auto kAtpc = std::to_array<A>({"ATPC"});
constexpr auto kAnrpc = std::to_array<A>({"ANRPC"});
constexpr auto kCipec =
    std::to_array<A>({"Intergovernmental Council of Copper Exporting Countries"});
constexpr auto kEmcf = std::to_array<A>({"EMCF"});
constexpr auto kAid = std::to_array<A>({"USAID"});
constexpr auto kFed = std::to_array<A>({"Fed", "Federal Reserve Board", "Federal Reserve System"});
constexpr auto kBundesbank = std::to_array<A>({"German Bundesbank"});
constexpr auto kBoj = std::to_array<A>({"BOJ"});
constexpr auto kBoe = std::to_array<A>({"BOE"});
constexpr auto kSec = std::to_array<A>({"SEC"});
constexpr auto kNsc = std::to_array<A>({"NSC"});
constexpr auto kFbi = std::to_array<A>({"FBI"});
constexpr auto kCia = std::to_array<A>({"CIA"});
constexpr auto kIsis = std::to_array<A>({"ISIS", "ISIL", "Islamic State"});
constexpr auto kGm = std::to_array<A>({"GM", "General Motors Corp"});
constexpr auto kIbm =
    std::to_array<A>({"International Business Machines", "International Business Machines Corp"});
constexpr auto kFacebook = std::to_array<A>({"Meta"});
constexpr auto kGoogle = std::to_array<A>({"Alphabet"});
constexpr auto kBp = std::to_array<A>({"BP", "British Petroleum"});
constexpr auto kShell = std::to_array<A>({"Royal Dutch Shell", "Royal Dutch/Shell"});
constexpr auto kAtt = std::to_array<A>({"AT&T", "American Telephone and Telegraph"});
template <std::size_t N>
constexpr std::span<const A> s(const std::array<A, N>& a) {
  return a;
}
constexpr std::span<const A> kNoAliases;

constexpr auto kKnownOrgs = std::to_array<KnownOrg>({
    {"European Community", s(kEc)},
    {"European Union", s(kEu)},
    {"OPEC", s(kOpec)},
    {"OAPEC", s(kOapec)},
    {"International Monetary Fund", s(kImf)},
    {"World Bank", s(kWorldBank)},
    {"GATT", s(kGatt)},
    {"World Trade Organization", s(kWto)},
    {"United Nations", s(kUn)},
    {"NATO", s(kNato)},
    {"OECD", s(kOecd)},
    {"ASEAN", s(kAsean)},
    {"Comecon", s(kComecon)},
    {"EFTA", s(kEfta)},
    {"International Energy Agency", s(kIea)},
    {"International Atomic Energy Agency", s(kIaea)},
    {"Bank for International Settlements", s(kBis)},
    {"UNCTAD", s(kUnctad)},
    {"Food and Agriculture Organization", s(kFao)},
    {"International Labour Organization", s(kIlo)},
    {"World Health Organization", s(kWho)},
    {"International Coffee Organization", s(kIco)},
    {"International Cocoa Organization", s(kIcco)},
    {"International Tin Council", s(kItc)},
    {"International Wheat Council", s(kIwcWheat)},
    {"International Whaling Commission", s(kIwcWhale)},
    {"Asian Development Bank", s(kAdbAsia)},
    {"African Development Bank", s(kAdbAfrica)},
    {"International Development Association", s(kIda)},
    {"European Investment Bank", s(kEib)},
    {"European Coal and Steel Community", s(kEcsc)},
    {"Gulf Cooperation Council", s(kGcc)},
    {"International Air Transport Association", s(kIata)},
    {"International Natural Rubber Organization", s(kInro)},
    {"International Sugar Organization", s(kIsa)},
    {"International Iron and Steel Institute", s(kIisi)},
    {"International Lead and Zinc Study Group", s(kIlzsg)},
    {"International Rubber Study Group", s(kIrsg)},
    {"International Wrought Copper Council", s(kIwcc)},
    {"International Wool Secretariat", s(kIws)},
    {"International Wool Textile Organisation", s(kIwto)},
    {"Association of Tin Producing Countries", s(kAtpc)},
    {"Association of Natural Rubber Producing Countries", s(kAnrpc)},
    {"CIPEC", s(kCipec)},
    {"European Monetary Cooperation Fund", s(kEmcf)},
    {"Agency for International Development", s(kAid)},
    {"Federal Reserve", s(kFed)},
    {"Bundesbank", s(kBundesbank)},
    {"Bank of Japan", s(kBoj)},
    {"Bank of England", s(kBoe)},
    {"Securities and Exchange Commission", s(kSec)},
    {"National Security Council", s(kNsc)},
    {"FBI", s(kFbi)},
    {"CIA", s(kCia)},
    {"ISIS", s(kIsis)},
    {"General Motors", s(kGm)},
    {"IBM", s(kIbm)},
    {"Facebook", s(kFacebook)},
    {"Google", s(kGoogle)},
    {"BP", s(kBp)},
    {"Shell", s(kShell)},
    {"AT&T", s(kAtt)},
    {"Huawei", kNoAliases},
    {"ZTE", kNoAliases},
    {"Apple", kNoAliases},
    {"Microsoft", kNoAliases},
    {"Amazon", kNoAliases},
    {"Twitter", kNoAliases},
    {"Samsung", kNoAliases},
    {"Toyota", kNoAliases},
    {"Boeing", kNoAliases},
    {"Airbus", kNoAliases},
    {"Exxon", kNoAliases},
    {"Mobil", kNoAliases},
    {"Texaco", kNoAliases},
    {"Chevron", kNoAliases},
    {"Chrysler", kNoAliases},
    {"Citicorp", kNoAliases},
    {"Goldman Sachs", kNoAliases},
    {"Morgan Stanley", kNoAliases},
    {"Merrill Lynch", kNoAliases},
    {"Salomon Brothers", kNoAliases},
    {"Reuters", kNoAliases},
    {"Pentagon", kNoAliases},
    {"Kremlin", kNoAliases},
    {"White House", kNoAliases},
    {"Congress", kNoAliases},
    {"Taliban", kNoAliases},
    {"Hamas", kNoAliases},
    {"Hezbollah", kNoAliases},
    {"Nasdaq", kNoAliases},
    {"Tesla", kNoAliases},
});

constexpr auto kPlaceAliases = std::to_array<PlaceAlias>({
    {"US", "United States"},
    {"U.S.", "United States"},
    {"USA", "United States"},
    {"U.S.A.", "United States"},
    {"America", "United States"},
    {"United States of America", "United States"},
    {"UK", "United Kingdom"},
    {"U.K.", "United Kingdom"},
    {"Britain", "United Kingdom"},
    {"Great Britain", "United Kingdom"},
    {"Soviet Union", "Soviet Union"},
    {"USSR", "Soviet Union"},
    {"U.S.S.R.", "Soviet Union"},
    {"West Germany", "West Germany"},
    {"East Germany", "East Germany"},
    {"Holland", "Netherlands"},
    {"Ivory Coast", "Côte d'Ivoire"},
    {"Burma", "Myanmar"},
    {"Zaire", "Democratic Republic of the Congo"},
    {"Czech Republic", "Czechia"},
    {"Czechoslovakia", "Czechoslovakia"},
    {"Yugoslavia", "Yugoslavia"},
    {"Turkey", "Turkey"},
    {"Cape Verde", "Cabo Verde"},
    {"Swaziland", "Eswatini"},
    {"Macedonia", "North Macedonia"},
    {"Vatican", "Holy See"},
    {"Korea", "South Korea"},
    {"Peking", "Beijing"},
    {"UAE", "United Arab Emirates"},
    {"Emirates", "United Arab Emirates"},
    {"Hong Kong", "Hong Kong"},
    {"Brunei", "Brunei"},
    {"Russia", "Russia"},
    {"Palestine", "Palestine"},
    {"Micronesia", "Micronesia"},
});

constexpr auto kDemonyms = std::to_array<PlaceAlias>({
    {"American", "United States"},
    {"British", "United Kingdom"},
    {"English", "England"},
    {"Scottish", "Scotland"},
    {"Welsh", "Wales"},
    {"Irish", "Ireland"},
    {"Chinese", "China"},
    {"Japanese", "Japan"},
    {"Iranian", "Iran"},
    {"Iraqi", "Iraq"},
    {"Soviet", "Soviet Union"},
    {"Russian", "Russia"},
    {"West German", "West Germany"},
    {"East German", "East Germany"},
    {"German", "Germany"},
    {"French", "France"},
    {"Italian", "Italy"},
    {"Spanish", "Spain"},
    {"Portuguese", "Portugal"},
    {"Dutch", "Netherlands"},
    {"Belgian", "Belgium"},
    {"Swiss", "Switzerland"},
    {"Austrian", "Austria"},
    {"Swedish", "Sweden"},
    {"Norwegian", "Norway"},
    {"Danish", "Denmark"},
    {"Finnish", "Finland"},
    {"Icelandic", "Iceland"},
    {"Greek", "Greece"},
    {"Turkish", "Turkey"},
    {"Polish", "Poland"},
    {"Hungarian", "Hungary"},
    {"Czech", "Czechia"},
    {"Czechoslovak", "Czechoslovakia"},
    {"Yugoslav", "Yugoslavia"},
    {"Romanian", "Romania"},
    {"Bulgarian", "Bulgaria"},
    {"Ukrainian", "Ukraine"},
    {"Canadian", "Canada"},
    {"Mexican", "Mexico"},
    {"Brazilian", "Brazil"},
    {"Argentine", "Argentina"},
    {"Argentinian", "Argentina"},
    {"Chilean", "Chile"},
    {"Peruvian", "Peru"},
    {"Colombian", "Colombia"},
    {"Venezuelan", "Venezuela"},
    {"Ecuadorean", "Ecuador"},
    {"Ecuadorian", "Ecuador"},
    {"Bolivian", "Bolivia"},
    {"Uruguayan", "Uruguay"},
    {"Paraguayan", "Paraguay"},
    {"Cuban", "Cuba"},
    {"Australian", "Australia"},
    {"New Zealand", "New Zealand"},
    {"Indian", "India"},
    {"Pakistani", "Pakistan"},
    {"Bangladeshi", "Bangladesh"},
    {"Sri Lankan", "Sri Lanka"},
    {"Afghan", "Afghanistan"},
    {"Saudi", "Saudi Arabia"},
    {"Kuwaiti", "Kuwait"},
    {"Qatari", "Qatar"},
    {"Omani", "Oman"},
    {"Bahraini", "Bahrain"},
    {"Emirati", "United Arab Emirates"},
    {"Yemeni", "Yemen"},
    {"Syrian", "Syria"},
    {"Lebanese", "Lebanon"},
    {"Jordanian", "Jordan"},
    {"Israeli", "Israel"},
    {"Palestinian", "Palestine"},
    {"Egyptian", "Egypt"},
    {"Libyan", "Libya"},
    {"Algerian", "Algeria"},
    {"Moroccan", "Morocco"},
    {"Tunisian", "Tunisia"},
    {"Sudanese", "Sudan"},
    {"Ethiopian", "Ethiopia"},
    {"Kenyan", "Kenya"},
    {"Nigerian", "Nigeria"},
    {"Ghanaian", "Ghana"},
    {"Ivorian", "Côte d'Ivoire"},
    {"Senegalese", "Senegal"},
    {"Zambian", "Zambia"},
    {"Zimbabwean", "Zimbabwe"},
    {"South African", "South Africa"},
    {"Angolan", "Angola"},
    {"Tanzanian", "Tanzania"},
    {"Ugandan", "Uganda"},
    {"Korean", "South Korea"},
    {"South Korean", "South Korea"},
    {"North Korean", "North Korea"},
    {"Taiwanese", "Taiwan"},
    {"Philippine", "Philippines"},
    {"Filipino", "Philippines"},
    {"Indonesian", "Indonesia"},
    {"Malaysian", "Malaysia"},
    {"Singaporean", "Singapore"},
    {"Thai", "Thailand"},
    {"Vietnamese", "Vietnam"},
    {"Burmese", "Myanmar"},
    {"Cambodian", "Cambodia"},
    {"Mongolian", "Mongolia"},
    {"Nicaraguan", "Nicaragua"},
    {"Salvadorean", "El Salvador"},
    {"Guatemalan", "Guatemala"},
    {"Honduran", "Honduras"},
    {"Panamanian", "Panama"},
    {"Costa Rican", "Costa Rica"},
    {"Dominican", "Dominican Republic"},
    {"Jamaican", "Jamaica"},
    {"Haitian", "Haiti"},
    {"Cypriot", "Cyprus"},
    {"Maltese", "Malta"},
    {"Luxembourg", "Luxembourg"},
});

constexpr auto kCountryNames = std::to_array<CountryName>({
    {"RU", "Russia"},
    {"CD", "Democratic Republic of the Congo"},
    {"FM", "Micronesia"},
    {"PS", "Palestine"},
    {"BN", "Brunei"},
    {"TR", "Turkey"},
    {"VA", "Holy See"},
    {"KR", "South Korea"},
    {"KP", "North Korea"},
    {"VG", "British Virgin Islands"},
    {"VI", "US Virgin Islands"},
    {"SH", "Saint Helena"},
    {"BQ", "Caribbean Netherlands"},
});

constexpr auto kExtraCities = std::to_array<ExtraCity>({
    {"Washington", "US"},   {"Bonn", "DE"},           {"Frankfurt", "DE"},
    {"Munich", "DE"},       {"Hamburg", "DE"},        {"Duesseldorf", "DE"},
    {"Geneva", "CH"},       {"Zurich", "CH"},         {"Basle", "CH"},
    {"Milan", "IT"},        {"Rome", "IT"},           {"Stockholm", "SE"},
    {"Oslo", "NO"},         {"Copenhagen", "DK"},     {"Brussels", "BE"},
    {"Amsterdam", "NL"},    {"Rotterdam", "NL"},      {"Luxembourg", "LU"},
    {"Vienna", "AT"},       {"Madrid", "ES"},         {"Lisbon", "PT"},
    {"Athens", "GR"},       {"Ankara", "TR"},         {"Istanbul", "TR"},
    {"Ottawa", "CA"},       {"Montreal", "CA"},       {"Toronto", "CA"},
    {"Vancouver", "CA"},    {"Beijing", "CN"},        {"Shanghai", "CN"},
    {"Tokyo", "JP"},        {"Osaka", "JP"},          {"Seoul", "KR"},
    {"Taipei", "TW"},       {"Manila", "PH"},         {"Jakarta", "ID"},
    {"Kuala Lumpur", "MY"}, {"Bangkok", "TH"},        {"New Delhi", "IN"},
    {"Bombay", "IN"},       {"Karachi", "PK"},        {"Islamabad", "PK"},
    {"Tehran", "IR"},       {"Baghdad", "IQ"},        {"Riyadh", "SA"},
    {"Jeddah", "SA"},       {"Cairo", "EG"},          {"Lagos", "NG"},
    {"Nairobi", "KE"},      {"Johannesburg", "ZA"},   {"Canberra", "AU"},
    {"Sydney", "AU"},       {"Melbourne", "AU"},      {"Wellington", "NZ"},
    {"Brasilia", "BR"},     {"Rio de Janeiro", "BR"}, {"Buenos Aires", "AR"},
    {"Caracas", "VE"},      {"Bogota", "CO"},         {"Lima", "PE"},
    {"Santiago", "CL"},     {"Quito", "EC"},          {"Mexico City", "MX"},
    {"Havana", "CU"},       {"Moscow", "RU"},         {"Warsaw", "PL"},
    {"Budapest", "HU"},     {"Prague", "CZ"},         {"Bucharest", "RO"},
    {"Sofia", "BG"},        {"Belgrade", "RS"},       {"Kiev", "UA"},
    {"Kyiv", "UA"},         {"Dublin", "IE"},         {"Edinburgh", "GB"},
    {"Paris", "FR"},        {"Houston", "US"},        {"San Francisco", "US"},
    {"Dallas", "US"},       {"Boston", "US"},         {"Atlanta", "US"},
    {"Miami", "US"},        {"Pittsburgh", "US"},     {"Philadelphia", "US"},
    {"Kuwait City", "KW"},  {"Dubai", "AE"},          {"Abu Dhabi", "AE"},
    {"Doha", "QA"},         {"Muscat", "OM"},         {"Manama", "BH"},
    {"Damascus", "SY"},     {"Beirut", "LB"},         {"Amman", "JO"},
    {"Jerusalem", "IL"},    {"Tel Aviv", "IL"},       {"Algiers", "DZ"},
    {"Tripoli", "LY"},      {"Abidjan", "CI"},        {"Kinshasa", "CD"},
    {"Harare", "ZW"},       {"Lusaka", "ZM"},         {"Dhaka", "BD"},
    {"Colombo", "LK"},      {"Wellington", "NZ"},
});

constexpr auto kGivenNames = std::to_array<A>({
    "aaron",     "abdul",       "abraham",  "adam",      "adrian",    "ahmed",     "alain",
    "alan",      "albert",      "alberto",  "alec",      "alex",      "alexander", "alexis",
    "alfred",    "ali",         "alice",    "alison",    "allan",     "allen",     "amanda",
    "amy",       "andre",       "andrea",   "andreas",   "andrew",    "andy",      "angela",
    "angus",     "ann",         "anna",     "anne",      "anthony",   "antonio",   "arnold",
    "arthur",    "barbara",     "barry",    "ben",       "benjamin",  "bernard",   "bill",
    "bob",       "boris",       "brad",     "brian",     "bruce",     "bruno",     "carl",
    "carlos",    "carol",       "caroline", "catherine", "charles",   "chris",     "christian",
    "christine", "christopher", "claude",   "claudio",   "clayton",   "colin",     "craig",
    "daniel",    "david",       "dean",     "deborah",   "dennis",    "derek",     "diana",
    "dick",      "dieter",      "dmitry",   "dominic",   "don",       "donald",    "douglas",
    "ed",        "eddie",       "edouard",  "eduardo",   "edward",    "edwin",     "elizabeth",
    "emily",     "emma",        "emmanuel", "eric",      "erich",     "ernst",     "eugene",
    "fernando",  "francesco",   "francis",  "francisco", "francois",  "frank",     "franz",
    "fred",      "frederick",   "fritz",    "gary",      "gavin",     "geoffrey",  "george",
    "georges",   "gerald",      "gerhard",  "gordon",    "graham",    "greg",      "gregory",
    "guido",     "hans",        "harold",   "harry",     "hassan",    "heinz",     "helen",
    "helmut",    "henri",       "henry",    "herbert",   "hiroshi",   "howard",    "hugh",
    "hussein",   "ian",         "ibrahim",  "ivan",      "jack",      "jacob",     "jacques",
    "james",     "jan",         "jane",     "janet",     "javier",    "jean",      "jeff",
    "jeffrey",   "jennifer",    "jeremy",   "jerry",     "jim",       "jimmy",     "joan",
    "joe",       "johann",      "john",     "johnny",    "jon",       "jonathan",  "jorge",
    "jose",      "joseph",      "juan",     "judith",    "julia",     "julian",    "julie",
    "jurgen",    "karen",       "karl",     "kate",      "katherine", "keith",     "ken",
    "kenneth",   "kevin",       "kiichi",   "klaus",     "kurt",      "larry",     "laura",
    "laurent",   "lawrence",    "lee",      "leon",      "leonard",   "lisa",      "louis",
    "luis",      "malcolm",     "manuel",   "marc",      "marcel",    "margaret",  "maria",
    "marie",     "mario",       "mark",     "marlin",    "martin",    "mary",      "masaru",
    "matthew",   "max",         "michael",  "michel",    "miguel",    "mikhail",   "mike",
    "mohamed",   "mohammad",    "mohammed", "muhammad",  "nancy",     "neil",      "nicholas",
    "nick",      "nicolas",     "nigel",    "norman",    "oliver",    "otto",      "patrick",
    "paul",      "paula",       "pedro",    "peter",     "philip",    "philippe",  "pierre",
    "ralph",     "raul",        "ray",      "raymond",   "richard",   "rob",       "robert",
    "roberto",   "robin",       "roger",    "roland",    "ronald",    "rudolf",    "rupert",
    "ryan",      "ryutaro",     "sam",      "samuel",    "sarah",     "satoshi",   "scott",
    "sean",      "sergei",      "simon",    "stanley",   "stephen",   "steve",     "steven",
    "susan",     "takeshi",     "theresa",  "thomas",    "tim",       "timothy",   "tom",
    "tony",      "ulrich",      "victor",   "vladimir",  "walter",    "wayne",     "werner",
    "william",   "willy",       "wolfgang", "xavier",    "yasuhiro",  "yuri",      "zhao",
});

constexpr auto kOrgCues = std::to_array<A>({
    "ab",           "administration",
    "ag",           "agency",
    "airlines",     "airways",
    "alliance",     "association",
    "authority",    "bancorp",
    "bancshares",   "bank",
    "board",        "brothers",
    "bros",         "bv",
    "co",           "college",
    "commission",   "committee",
    "company",      "corp",
    "corporation",  "council",
    "court",        "department",
    "exchange",     "federation",
    "forces",       "foundation",
    "front",        "fund",
    "gmbh",         "group",
    "holdings",     "inc",
    "industries",   "institute",
    "league",       "limited",
    "llc",          "ltd",
    "ministry",     "motors",
    "movement",     "nv",
    "office",       "organisation",
    "organization", "parliament",
    "partners",     "party",
    "plc",          "railroad",
    "railway",      "sa",
    "secretariat",  "securities",
    "society",      "spa",
    "systems",      "technologies",
    "trust",        "union",
    "university",
});

constexpr auto kRoleWords = std::to_array<A>({
    "adviser",        "advisor",    "ambassador", "analyst",   "boss",        "candidate",
    "chairman",       "chairwoman", "chancellor", "chief",     "colleague",   "commissioner",
    "counterpart",    "dealer",     "director",   "economist", "envoy",       "executive",
    "founder",        "governor",   "head",       "king",      "leader",      "manager",
    "minister",       "negotiator", "official",   "president", "premier",     "queen",
    "representative", "secretary",  "senator",    "spokesman", "spokeswoman", "spokesperson",
    "strategist",     "trader",     "treasurer",
});

constexpr auto kFunctionWords = std::to_array<A>({
    "a",      "about",  "according", "after",   "against", "all",     "also",    "although",
    "among",  "an",     "and",       "another", "any",     "as",      "at",      "because",
    "before", "both",   "but",       "by",      "despite", "during",  "each",    "even",
    "every",  "for",    "from",      "he",      "her",     "his",     "however", "i",
    "if",     "in",     "into",      "it",      "its",     "last",    "many",    "meanwhile",
    "more",   "most",   "my",        "next",    "no",      "not",     "of",      "on",
    "one",    "only",   "or",        "other",   "our",     "over",    "she",     "since",
    "so",     "some",   "such",      "that",    "the",     "their",   "then",    "there",
    "these",  "they",   "this",      "those",   "though",  "through", "to",      "two",
    "under",  "unless", "until",     "we",      "what",    "when",    "where",   "whether",
    "which",  "while",  "who",       "why",     "with",    "without", "yet",     "you",
});

}  // namespace

std::span<const KnownOrg> known_orgs() { return kKnownOrgs; }
std::span<const PlaceAlias> place_aliases() { return kPlaceAliases; }
std::span<const PlaceAlias> demonyms() { return kDemonyms; }
std::span<const CountryName> country_names() { return kCountryNames; }
std::span<const ExtraCity> extra_cities() { return kExtraCities; }
std::span<const std::string_view> given_names() { return kGivenNames; }
std::span<const std::string_view> org_cues() { return kOrgCues; }
std::span<const std::string_view> role_words() { return kRoleWords; }
std::span<const std::string_view> function_words() { return kFunctionWords; }

}  // namespace morgue::indexer::entity_data
