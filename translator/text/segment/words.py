"""Word lists of the Indonesian sentence splitter.

Owns the vocabulary that the boundary decisions look words up in: personal
titles, military and police ranks, address and reference words, mid-sentence
short forms, list-closing abbreviations, company suffixes, academic degrees,
month abbreviations, category nouns, common sentence starters, speech verbs and
top-level domains.  Entries are lowercase unless a list says otherwise.  This is
a word-list module, so it may grow past the usual module size.
"""

from __future__ import annotations

#: Personal titles, honorifics and name prefixes: never end a sentence.
TITLES = frozenset({
    "dr", "drg", "prof", "ir", "hj", "kh", "tn", "ny", "nn", "sdr", "sdri",
    "bpk", "bp", "st", "drs", "dra", "pdt", "ust", "ustz", "mgr", "rm", "pst",
    "moh", "muh", "moch", "mhd", "abd", "pj", "plt", "plh",
    "yth", "tb", "rev", "drh", "ns", "tgk", "pjs",
    # "Jenderal TNI (Purn.) Moeldoko"
    "purn",
})

#: Titles written in lowercase that may open a sentence ("dr. Andi menjelaskan").
LOWERCASE_TITLES = frozenset({"dr", "drg", "drh"})

#: Military and police ranks, which Indonesian news sometimes writes with a period.
RANKS = frozenset({
    "jend", "letjen", "mayjen", "brigjen", "kol", "letkol", "kapt",
    "lettu", "letda", "serka", "serma", "sertu", "serda", "kopda", "koptu",
    "praka", "pratu", "prada", "peltu", "pelda", "marsma", "marsda", "marsdya",
    "laksma", "laksda", "laksdya", "kombes", "kombespol", "akbp", "akp",
    "kompol", "iptu", "ipda", "aiptu", "aipda", "bripka", "brigpol", "briptu",
    "bripda", "bharada", "irjen", "komjen", "brigjenpol", "irjenpol",
    # corps suffixes written after a rank: "Brigjen. Pol. Agus", "Letkol. Inf. Joko"
    "pol", "inf", "czi", "cpm", "arh", "psk", "pnb",
})

#: Address, document and reference words that precede a name or a number.
REFERENCE_WORDS = frozenset({
    "jl", "jln", "no", "kec", "kel", "kab", "prov", "rt", "rw", "gg", "ds",
    "dsn", "kp", "kav", "komp", "telp", "tel", "fax", "faks", "hlm", "vol",
    "jil", "tgl", "rp", "pt", "pte", "ket", "dk", "pkl", "nmr", "univ", "inst",
    "fak", "dept",
    # Quran surah and hadith narrator: "QS. Al-Baqarah", "HR. Bukhari"
    "qs", "hr",
    # Kepulauan/Keputusan, Perumahan, lantai, usaha dagang: "Kep. Riau",
    # "Perum. Griya Asri", "Gedung A Lt. 3", "UD. Sumber Rejeki"
    "kep", "perum", "lt", "ud",
})

#: Short forms that only occur inside a sentence.
MID_SENTENCE_ABBREVIATIONS = frozenset({
    "a.n", "s.d", "u.p", "d.a", "a.l", "c.q", "cq", "u.b", "krn", "tdk", "spt",
    "dgn", "dg", "yg", "utk", "pd", "kpd", "ca", "vs", "cf", "sbg",
})

#: Abbreviations that are case-sensitive because the lowercase form is a common
#: Indonesian word ("hal" = matter, "kol" = cabbage) or the upper-case form is a
#: person's initials ("berinisial MR. Polisi ..."), or a ship prefix ("Kapal KM.
#: Sinar Bangun"; "5 KM." after a number is a distance, see below).
CASE_SENSITIVE_NEVER_FINAL = frozenset({"Hal", "Kol", "Mr", "Mrs", "Ms", "KMP"})

#: Every abbreviation after which a period never ends a sentence.
NEVER_FINAL = (TITLES | RANKS | REFERENCE_WORDS | MID_SENTENCE_ABBREVIATIONS) - {"hal", "kol"}

#: Abbreviations that close a list or a name and often end a sentence: a period
#: after them is a boundary whenever a capitalised word follows.
LIST_END_ABBREVIATIONS = frozenset({
    "dll", "dsb", "dst", "tsb", "dkk", "etc", "sda", "ybs", "sbb",
})

#: Company-form suffixes.  News writes "Direktur Utama PT Bank Central Asia Tbk.
#: Jahja Setiaatmadja mengatakan ...": a period after them ends the sentence
#: only when what follows does not look like the rest of a name.
COMPANY_SUFFIXES = frozenset({
    "tbk", "inc", "ltd", "llc", "corp", "co", "plc", "gmbh", "bhd", "pte",
})

#: Words after which ". 50" or ". 20" continues a number, not a new sentence:
#: "senapan mesin kaliber. 50" (.50 caliber), "Jalan Tol Jagorawi Km. 20".
NUMBER_PREFIXES = frozenset({
    "kaliber", "caliber", "cal", "km", "hp", "wa", "hal", "th", "thn",
})

#: Words after which a code or roman numeral is a document number, so that
#: "Peraturan Bapepam No. XI. B. 02.00" stays one reference.
NUMBER_WORDS = frozenset({"no", "nomor", "nomer", "nmr"})

#: Academic and professional degrees, written after a name ("Budi, S.H., M.H.").
#: Dotted forms not listed here are still treated as ambiguous abbreviations.
DEGREES = frozenset({
    # bachelor (sarjana) and diploma
    "s.h", "s.e", "s.si", "s.pd", "s.kom", "s.t", "s.sos", "s.i.k", "s.ag",
    "s.ked", "s.kep", "s.farm", "s.psi", "s.ip", "s.hum", "s.ak", "s.p", "s.pt",
    "s.s", "s.th", "s.kg", "s.gz", "s.ds", "s.sn", "s.stat", "s.tr", "s.sy",
    "s.e.i", "s.h.i", "s.pd.i", "s.fil", "s.ikom", "s.kes", "a.md", "a.ma",
    # master (magister) and doctorate
    "m.h", "m.m", "m.si", "m.pd", "m.kom", "m.t", "m.sos", "m.ag", "m.a",
    "m.kes", "m.psi", "m.hum", "m.p", "m.th", "m.sc", "m.eng", "m.b.a",
    "m.pd.i", "ph.d", "lc", "phd", "msc", "bsc", "mba", "llm", "dr.-ing",
    "dipl.-ing",
    # medical specialists and pharmacists
    "sp.pd", "sp.a", "sp.og", "sp.b", "sp.jp", "sp.m", "sp.s", "sp.kk",
    "sp.tht", "sp.rad", "sp.an", "sp.p", "sp.kj", "apt",
})

#: Nouns after which a single capital letter names a category, not a person:
#: "vitamin C.", "golongan A.", "kelas B." can end a sentence.
CATEGORY_NOUNS = frozenset({
    "vitamin", "golongan", "kelompok", "grup", "kelas", "tipe", "jenis",
    "huruf", "blok", "zona", "poin", "seri", "kategori", "nomor", "opsi",
    "pilihan", "sektor", "ruang", "pintu", "gedung", "lantai", "babak",
    "tahap", "fase", "model", "versi", "level", "peringkat", "nilai", "hepatitis",
    "plan", "rencana", "skenario", "paket", "gelombang", "sesi", "pasal", "bagian",
    "tim", "regu", "pos", "grade", "kode", "formulir", "lampiran",
})

#: Abbreviated months: "5 Jan. 1980", and after a day number "pada 5 Jan. Hakim ..."
#: ends the sentence.
MONTH_ABBREVIATIONS = frozenset({
    "jan", "feb", "mar", "apr", "jun", "jul", "agu", "agt", "ags", "sep", "sept",
    "okt", "nov", "des",
})

#: Other abbreviations that may or may not end a sentence.
AMBIGUOUS_ABBREVIATIONS = frozenset({
    "bu", "pak", "jr", "sr", "al", "cv", "ph", "rs",
    # months
    *MONTH_ABBREVIATIONS,
    # "Foto: Dok. Humas Polri" (dokumentasi) or "Terima kasih, Dok. Saya ..."
    "dok",
})

#: Words that commonly open an Indonesian (or English) sentence.  Used to decide
#: whether an ambiguous abbreviation or initial ends a sentence: "S.H. Ia ..."
#: splits, "B.J. Habibie" does not.
SENTENCE_STARTERS = frozenset({
    # pronouns
    "ia", "dia", "mereka", "kami", "kita", "saya", "aku", "anda", "engkau",
    "kamu", "beliau", "pihaknya", "dirinya", "keduanya", "ketiganya",
    # conjunctions and adverbs
    "namun", "tetapi", "tapi", "sementara", "sedangkan", "selain", "kemudian",
    "lalu", "sebelumnya", "selanjutnya", "akhirnya", "adapun", "bahkan",
    "karena", "sebab", "meski", "meskipun", "walaupun", "walau", "jika",
    "apabila", "bila", "kalau", "maka", "agar", "supaya", "sehingga",
    "demikian", "begitu", "apalagi", "terlebih", "padahal", "kini", "sekarang",
    "juga", "pun", "tak", "tidak", "belum", "sudah", "telah", "akan", "masih",
    "hanya", "secara", "sebagai", "seperti", "dengan", "tanpa", "yang",
    # prepositions and time words
    "dalam", "pada", "saat", "ketika", "di", "ke", "dari", "setelah",
    "sesudah", "sebelum", "selama", "sejak", "hingga", "sampai", "untuk",
    "bagi", "oleh", "tentang", "mengenai", "terkait", "atas", "menurut",
    "berdasarkan", "sehubungan", "sedang",
    # determiners and quantifiers
    "hal", "ini", "itu", "para", "sejumlah", "sebanyak", "semua", "seluruh",
    "setiap", "tiap", "beberapa", "banyak", "sebagian", "salah", "sang",
    # question words and existentials
    "ada", "apa", "siapa", "mengapa", "kenapa", "bagaimana", "kapan",
    "dimana", "apakah", "berapa",
    # common English starters
    "the", "this", "it", "he", "she", "they", "we", "however", "in",
})

#: Speech verbs that follow a quotation in Indonesian reporting style:
#: '"Apa kabar?" tanya dia.' is a single sentence.
SPEECH_VERBS = frozenset({
    "kata", "ujar", "tutur", "ucap", "jelas", "tanya", "ungkap", "imbuh",
    "tambah", "terang", "sebut", "papar", "lanjut", "tegas", "seru", "pinta",
    "katanya", "ujarnya", "tuturnya", "ucapnya", "jelasnya", "tanyanya",
    "ungkapnya", "imbuhnya", "tambahnya", "terangnya", "sebutnya", "paparnya",
    "lanjutnya", "tegasnya", "serunya", "pintanya",
    "jawab", "jawabnya", "teriak", "teriaknya", "bisik", "bisiknya", "sahut",
    "sahutnya", "timpal", "timpalnya", "pungkas", "pungkasnya", "tandas",
    "tandasnya", "beber", "bebernya", "tukas", "tukasnya", "kilah", "kilahnya",
    "harap", "harapnya", "akunya", "balas", "balasnya",
})

#: Top-level domains: "kompas.Com" is not "kompas." + "Com...".
TOP_LEVEL_DOMAINS = frozenset({
    "com", "id", "net", "org", "co", "go", "ac", "or", "edu", "gov", "info",
    "biz", "io", "sch", "web", "my", "sg", "uk", "us",
})
