"""Example texts the web app loads with one click (written for this project)."""

from __future__ import annotations

NEWS_ARTICLE = """\
Indonesia menjadi tuan rumah konferensi regional tentang pengelolaan sampah plastik

(Warta Nusantara) - Dari 4 sampai 6 Maret ini, di Makassar (ibu kota Sulawesi Selatan), \
telah berlangsung konferensi regional ke-9 tentang pengelolaan sampah plastik di kawasan \
Asia Tenggara dengan tema: “Kerja sama daerah pesisir untuk laut yang bersih, ekonomi \
sirkular dan kesejahteraan nelayan”.


Indonesia menjadi tuan rumah konferensi regional tentang pengelolaan sampah plastik - foto 1
Siti Rahmawati, Direktur Pengelolaan Sampah Kementerian Lingkungan Hidup,
membuka konferensi tersebut
(Foto: wartanusantara.id)

Konferensi ini dihadiri oleh 240 peserta yang mewakili 35 kota dari 10 negara, di antaranya \
delegasi Filipina yang dipimpin oleh Wali Kota Iloilo. Para peserta membahas langkah \
mengurangi sampah plastik sekali pakai, memperluas bank sampah dan memperkuat pengawasan di \
pelabuhan.

Pada hari terakhir, para peserta menilai bahwa jumlah sampah yang masuk ke laut masih tinggi \
di banyak kawasan pesisir.  Mereka menekankan pentingnya pertukaran data, pendidikan \
masyarakat dan dukungan bagi usaha kecil yang mendaur ulang plastik. Konferensi tersebut \
sepakat membentuk kelompok kerja bersama yang akan melaporkan kemajuannya setiap enam bulan.

\x20


Komentar

Yang lain"""

SHORT_MESSAGE = """\
Halo Bu Rina, rapat koordinasi dipindah ke hari Kamis, 14 Maret 2024 pukul 09.30 WIB di \
Ruang 3.02. Mohon isi formulir kehadiran di https://forms.example.id/rapat-0314 paling \
lambat Rabu pukul 17.00. Biaya konsumsi Rp25.000 per orang, transfer ke 0812-3456-7890. \
Terima kasih!"""

LIST_AND_QUOTE = """\
Tips Hemat Energi di Rumah

Kementerian Energi membagikan beberapa langkah sederhana untuk mengurangi tagihan listrik:
- Matikan lampu saat meninggalkan ruangan.
- Cabut pengisi daya yang tidak dipakai.
- Atur suhu pendingin ruangan pada 25 derajat.

"Kebiasaan kecil di rumah, jika dilakukan jutaan keluarga, bisa menghemat listrik dalam \
jumlah besar," kata juru bicara kementerian, Andi Pratama.

> Hemat energi bukan berarti hidup tanpa kenyamanan."""

#: (label, text) pairs, in the order the app shows them.
EXAMPLES: tuple[tuple[str, str], ...] = (
    ("News article", NEWS_ARTICLE),
    ("Short message with a link", SHORT_MESSAGE),
    ("List and quotation", LIST_AND_QUOTE),
)
