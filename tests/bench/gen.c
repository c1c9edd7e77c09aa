/* gen.c — deterministic layout A test data: offices x units x teams, from a seed. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * Writes one CSV per (regional office, team), the way verification teams
 * export them: three header spellings and dialects (`,` LF with or without a
 * BOM, `;` CRLF as Indonesian Excel writes, `,` LF without a criterion
 * column), five unit types in realistic proportions, answers mostly the
 * positive level, some items never observed, some answers that differ
 * between teams (conflicts) and about 0.5% bad rows of six kinds, each of
 * which p2ham must reject.
 *
 * Every random choice is a pure function of the seed and the coordinates it
 * is made for (office, unit, item, team), through splitmix64, so the output
 * is byte-identical on every machine and does not depend on the order in
 * which things are written. Only libc is used.
 *
 * The items follow the default rubric (templates/rubric.xml, SPEC 5).
 */

/* ---- randomness ------------------------------------------------------------ */

static uint64_t seed_g = 2019;

static uint64_t mix64(uint64_t z)
{
	z += 0x9E3779B97F4A7C15ull;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* A 64-bit value for (what, a, b, c, d): the same everywhere, every time. */
static uint64_t rnd(unsigned what, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
	uint64_t h = mix64(seed_g ^ ((uint64_t)what << 56));
	h = mix64(h ^ a);
	h = mix64(h ^ (b + 0x100000001B3ull));
	h = mix64(h ^ (c + 0x2545F4914F6CDD1Dull));
	return mix64(h ^ (d + 0x5851F42D4C957F2Dull));
}

/* Uniform in [0, n). */
static unsigned pick(unsigned n, unsigned what, uint64_t a, uint64_t b, uint64_t c,
		     uint64_t d)
{
	return (unsigned)(rnd(what, a, b, c, d) % n);
}

/* True with probability per_mille / 1000. */
static int chance(unsigned per_mille, unsigned what, uint64_t a, uint64_t b,
		  uint64_t c, uint64_t d)
{
	return pick(1000, what, a, b, c, d) < per_mille;
}

/* What a random choice is for: keeps the streams apart. */
enum {
	R_TYPE = 1, R_CLASS, R_CITY, R_QUALITY, R_MISSING_UNIT, R_MISSING_N,
	R_MISSING_ITEM, R_SKIP, R_ANSWER, R_CONFLICT, R_CONFLICT_LEVEL, R_SPELL,
	R_EVIDENCE, R_NOTE, R_BAD, R_BAD_KIND, R_BAD_TEXT, R_STYLE, R_BOM,
	R_DATE, R_DATEFMT, R_VERIFIER, R_JENIS, R_SPACER,
};

/* ---- the rubric ------------------------------------------------------------ */

/* GATE is the rubric's siaga scale seen from a gate: passing ("Tidak", no
 * unresolved finding) is the usual, best answer. */
enum scale { KETERSEDIAAN, SIAGA, KEPATUHAN, GATE };

struct item {
	const char *code;
	enum scale scale;
	const char *text;
	const char *evidence;   /* what a photo or document shows */
	unsigned types;         /* bit per enum type */
};

enum type { LAPAS, RUTAN, LPKA, BAPAS, IMIGRASI, N_TYPES };

#define PAS ((1u << LAPAS) | (1u << RUTAN) | (1u << LPKA))
#define ALL (PAS | (1u << BAPAS) | (1u << IMIGRASI))

static const struct item items[] = {
	{ "A.01", KETERSEDIAAN, "Maklumat pelayanan", "Foto maklumat pelayanan di ruang layanan", ALL },
	{ "A.02", KETERSEDIAAN, "Ruang/loket/kotak pengaduan dan nomor telepon pengaduan", "Foto kotak pengaduan dan stiker nomor pengaduan", ALL },
	{ "A.03", KETERSEDIAAN, "Toilet khusus penyandang disabilitas", "Foto toilet disabilitas (pegangan rambat, pintu lebar)", ALL },
	{ "A.04", KETERSEDIAAN, "Lantai pemandu (guiding block)", "Foto guiding block dari pintu masuk ke loket", ALL },
	{ "A.05", KETERSEDIAAN, "Informasi pelayanan publik", "Foto papan standar pelayanan dan alur layanan", ALL },
	{ "A.06", KETERSEDIAAN, "Ruang laktasi/menyusui", "Foto ruang laktasi", ALL },
	{ "A.07", KETERSEDIAAN, "Ruang bermain anak", "Foto ruang bermain anak di ruang tunggu", ALL },
	{ "A.08", KETERSEDIAAN, "Rambu-rambu kelompok rentan", "Foto rambu kelompok rentan", ALL },
	{ "A.09", KETERSEDIAAN, "Alat bantu kelompok rentan (kursi roda, kruk, alat bantu dengar)", "Foto kursi roda, kruk dan alat bantu dengar", ALL },
	{ "A.10", KETERSEDIAAN, "Jalan landai (ramp)", "Foto ramp di pintu utama", ALL },
	{ "A.11", KETERSEDIAAN, "Loket/layanan prioritas bagi lansia, anak, ibu hamil dan penyandang disabilitas", "Foto loket prioritas", ALL },
	{ "A.12", KETERSEDIAAN, "Tempat ibadah", "Foto masjid dan ruang ibadah", 1u << IMIGRASI },
	{ "A.13", KETERSEDIAAN, "Pusat informasi pelayanan/helpdesk", "Foto meja helpdesk", 1u << IMIGRASI },
	{ "A.21", KETERSEDIAAN, "Kotak pengaduan bagi warga binaan", "Foto kotak pengaduan di blok hunian", PAS },
	{ "A.22", KETERSEDIAAN, "Toilet khusus warga binaan penyandang disabilitas", "Foto toilet disabilitas di blok hunian", PAS },
	{ "A.23", KETERSEDIAAN, "Lantai pemandu dan jalan landai di area hunian", "Foto guiding block dan ramp di area hunian", PAS },
	{ "A.24", KETERSEDIAAN, "Kamar hunian bagi kelompok rentan (lansia, disabilitas)", "Foto kamar hunian khusus lansia dan disabilitas", PAS },
	{ "B.01", SIAGA, "Petugas yang siaga melayani kelompok rentan", "SK petugas siaga dan jadwal piket", ALL },
	{ "C.01", KEPATUHAN, "Layanan kunjungan", "Register kunjungan dan SOP layanan kunjungan", PAS },
	{ "C.02", KEPATUHAN, "Layanan penitipan barang", "Register penitipan barang", PAS },
	{ "C.03", KEPATUHAN, "Layanan pengaduan", "Register pengaduan dan disposisi", PAS | (1u << BAPAS) },
	{ "C.04", KEPATUHAN, "Layanan informasi hak warga binaan (remisi, integrasi)", "Layar informasi SDP di ruang tunggu", PAS },
	{ "C.11", KEPATUHAN, "Layanan penelitian kemasyarakatan (litmas)", "Register litmas dan surat tugas PK", 1u << BAPAS },
	{ "C.12", KEPATUHAN, "Layanan bimbingan klien pemasyarakatan", "Kartu bimbingan klien", 1u << BAPAS },
	{ "C.13", KEPATUHAN, "Layanan wajib lapor klien", "Buku dan aplikasi wajib lapor", 1u << BAPAS },
	{ "C.21", KEPATUHAN, "Antrian pelayanan paspor", "Foto mesin antrian dan papan antrian", 1u << IMIGRASI },
	{ "C.22", KEPATUHAN, "Penerbitan paspor baru", "Laporan waktu penyelesaian paspor", 1u << IMIGRASI },
	{ "C.23", KEPATUHAN, "Penggantian paspor", "Laporan penggantian paspor", 1u << IMIGRASI },
	{ "C.24", KEPATUHAN, "Perpanjangan izin tinggal kunjungan", "Register izin tinggal kunjungan", 1u << IMIGRASI },
	{ "G.01", GATE, "Temuan Ombudsman atau pengaduan masyarakat yang belum ditindaklanjuti", "Surat keterangan tidak ada temuan", ALL },
};
#define N_ITEMS (sizeof(items) / sizeof(items[0]))

/* Levels of each scale, best first; the answer's spellings, label first. */
static const char *const spellings[4][3][4] = {
	[KETERSEDIAAN] = { { "Ada", "ya", "Tersedia", "Sudah" },
			   { "Proses", "dalam proses", "Sedang proses", "proses" },
			   { "Tidak", "Tidak ada", "Belum", "belum ada" } },
	[SIAGA] = { { "Ada", "Siaga", "ya", "Tersedia" },
		    { "Tidak", "Tidak ada", "Belum", "belum ada" },
		    { NULL } },
	[GATE] = { { "Tidak", "Tidak ada", "Belum", "belum ada" },
		   { "Ada", "ya", "Ada", "ada" },
		   { NULL } },
	[KEPATUHAN] = { { "Patuh", "Sesuai", "ya", "patuh" },
			{ "Cukup patuh", "Cukup", "cukup sesuai", "Cukup Patuh" },
			{ "Kurang patuh", "Kurang", "Tidak sesuai", "tidak patuh" } },
};

static unsigned n_levels(enum scale s)
{
	return s == SIAGA || s == GATE ? 2 : 3;
}

/* ---- names ------------------------------------------------------------------ */

/* The 33 regional offices and, for each, real regencies and cities of the
 * province where its units are. */
struct province {
	const char *name;
	const char *cities[26];
};

static const struct province provinces[] = {
	{ "Aceh", { "Banda Aceh", "Sabang", "Lhokseumawe", "Langsa", "Meulaboh", "Takengon", "Kutacane", "Sigli", "Bireuen", "Tapaktuan", "Calang", "Blangkejeren" } },
	{ "Sumatera Utara", { "Medan", "Binjai", "Pematangsiantar", "Tebing Tinggi", "Tanjung Balai", "Sibolga", "Padangsidimpuan", "Kabanjahe", "Rantau Prapat", "Lubuk Pakam", "Tarutung", "Gunung Sitoli", "Kisaran", "Labuhan Ruku" } },
	{ "Sumatera Barat", { "Padang", "Bukittinggi", "Payakumbuh", "Solok", "Pariaman", "Sawahlunto", "Padang Panjang", "Batusangkar", "Lubuk Sikaping", "Painan", "Muaro Sijunjung" } },
	{ "Riau", { "Pekanbaru", "Dumai", "Bengkalis", "Rengat", "Tembilahan", "Bangkinang", "Pasir Pengaraian", "Siak Sri Indrapura", "Selatpanjang", "Teluk Kuantan", "Pangkalan Kerinci" } },
	{ "Kepulauan Riau", { "Batam", "Tanjungpinang", "Tanjung Balai Karimun", "Ranai", "Dabo Singkep", "Tarempa", "Tanjung Uban", "Belakang Padang" } },
	{ "Jambi", { "Jambi", "Sungai Penuh", "Muara Bungo", "Bangko", "Sarolangun", "Muara Bulian", "Kuala Tungkal", "Muara Sabak", "Sengeti", "Muara Tebo" } },
	{ "Sumatera Selatan", { "Palembang", "Lubuklinggau", "Prabumulih", "Pagar Alam", "Lahat", "Muara Enim", "Baturaja", "Kayu Agung", "Sekayu", "Empat Lawang", "Banyuasin", "Muaradua" } },
	{ "Kepulauan Bangka Belitung", { "Pangkalpinang", "Tanjung Pandan", "Sungailiat", "Muntok", "Toboali", "Koba", "Manggar" } },
	{ "Bengkulu", { "Bengkulu", "Curup", "Manna", "Argamakmur", "Mukomuko", "Kepahiang", "Tais", "Bintuhan" } },
	{ "Lampung", { "Bandar Lampung", "Metro", "Kotabumi", "Kalianda", "Gunung Sugih", "Menggala", "Liwa", "Kota Agung", "Sukadana", "Way Kanan", "Pringsewu" } },
	{ "DKI Jakarta", { "Jakarta Pusat", "Jakarta Utara", "Jakarta Barat", "Jakarta Selatan", "Jakarta Timur", "Cipinang", "Salemba", "Pondok Bambu", "Soekarno-Hatta", "Kepulauan Seribu" } },
	{ "Banten", { "Serang", "Cilegon", "Tangerang", "Pandeglang", "Rangkasbitung", "Tangerang Selatan", "Balaraja", "Labuan" } },
	{ "Jawa Barat", { "Bandung", "Bogor", "Bekasi", "Depok", "Cirebon", "Sukabumi", "Tasikmalaya", "Garut", "Karawang", "Indramayu", "Subang", "Sumedang", "Cianjur", "Purwakarta", "Kuningan", "Banjar", "Ciamis", "Majalengka", "Cibinong", "Gunung Sindur" } },
	{ "Jawa Tengah", { "Semarang", "Surakarta", "Magelang", "Pekalongan", "Tegal", "Salatiga", "Purwokerto", "Cilacap", "Kudus", "Pati", "Klaten", "Wonosobo", "Kendal", "Batang", "Brebes", "Jepara", "Rembang", "Blora", "Sragen", "Boyolali", "Purworejo", "Kebumen", "Banjarnegara", "Wonogiri", "Karanganyar", "Nusakambangan" } },
	{ "Daerah Istimewa Yogyakarta", { "Yogyakarta", "Sleman", "Bantul", "Wonosari", "Wates", "Pakem" } },
	{ "Jawa Timur", { "Surabaya", "Malang", "Kediri", "Madiun", "Blitar", "Mojokerto", "Pasuruan", "Probolinggo", "Sidoarjo", "Jember", "Banyuwangi", "Bojonegoro", "Tuban", "Lamongan", "Gresik", "Pamekasan", "Sumenep", "Bangkalan", "Tulungagung", "Ponorogo", "Ngawi", "Lumajang", "Situbondo", "Bondowoso", "Porong", "Tanjung Perak" } },
	{ "Bali", { "Denpasar", "Singaraja", "Tabanan", "Gianyar", "Klungkung", "Bangli", "Karangasem", "Negara", "Kerobokan", "Ngurah Rai" } },
	{ "Nusa Tenggara Barat", { "Mataram", "Bima", "Dompu", "Sumbawa Besar", "Selong", "Praya", "Taliwang", "Gerung" } },
	{ "Nusa Tenggara Timur", { "Kupang", "Atambua", "Kefamenanu", "Soe", "Ende", "Maumere", "Larantuka", "Ruteng", "Labuan Bajo", "Waingapu", "Waikabubak", "Bajawa", "Kalabahi" } },
	{ "Kalimantan Barat", { "Pontianak", "Singkawang", "Ketapang", "Sanggau", "Sintang", "Putussibau", "Mempawah", "Sambas", "Bengkayang", "Ngabang", "Entikong" } },
	{ "Kalimantan Tengah", { "Palangka Raya", "Sampit", "Pangkalan Bun", "Kuala Kapuas", "Muara Teweh", "Buntok", "Kuala Kurun", "Kasongan", "Tamiang Layang", "Puruk Cahu" } },
	{ "Kalimantan Selatan", { "Banjarmasin", "Banjarbaru", "Martapura", "Kotabaru", "Barabai", "Kandangan", "Amuntai", "Tanjung", "Pelaihari", "Rantau", "Batulicin", "Marabahan" } },
	{ "Kalimantan Timur", { "Samarinda", "Balikpapan", "Bontang", "Tenggarong", "Tanjung Redeb", "Tanah Grogot", "Sendawar", "Tarakan", "Nunukan", "Tanjung Selor", "Malinau", "Sangatta", "Penajam" } },
	{ "Sulawesi Utara", { "Manado", "Bitung", "Tomohon", "Kotamobagu", "Tondano", "Amurang", "Tahuna", "Melonguane", "Airmadidi" } },
	{ "Gorontalo", { "Gorontalo", "Limboto", "Marisa", "Kwandang", "Tilamuta", "Suwawa" } },
	{ "Sulawesi Tengah", { "Palu", "Poso", "Luwuk", "Toli-Toli", "Donggala", "Parigi", "Ampana", "Kolonedale", "Buol", "Banggai" } },
	{ "Sulawesi Barat", { "Mamuju", "Majene", "Polewali", "Mamasa", "Pasangkayu", "Tobadak" } },
	{ "Sulawesi Selatan", { "Makassar", "Parepare", "Palopo", "Maros", "Watampone", "Bulukumba", "Sinjai", "Takalar", "Jeneponto", "Pangkajene", "Barru", "Sengkang", "Sidenreng Rappang", "Pinrang", "Enrekang", "Makale", "Masamba", "Selayar", "Bantaeng", "Sungguminasa" } },
	{ "Sulawesi Tenggara", { "Kendari", "Baubau", "Raha", "Kolaka", "Unaaha", "Andoolo", "Wangi-Wangi", "Lasusua" } },
	{ "Maluku", { "Ambon", "Tual", "Masohi", "Saumlaki", "Namlea", "Piru", "Dobo", "Wahai" } },
	{ "Maluku Utara", { "Ternate", "Tidore", "Tobelo", "Labuha", "Sanana", "Jailolo", "Weda", "Maba" } },
	{ "Papua", { "Jayapura", "Merauke", "Biak", "Nabire", "Timika", "Wamena", "Serui", "Sarmi", "Abepura", "Tanah Merah" } },
	{ "Papua Barat", { "Manokwari", "Sorong", "Fakfak", "Kaimana", "Teminabuan", "Bintuni", "Waisai" } },
};
#define N_PROVINCES (sizeof(provinces) / sizeof(provinces[0]))

static unsigned n_cities(const struct province *p)
{
	unsigned n = 0;

	while (n < 26 && p->cities[n])
		n++;
	return n;
}

/* Unit types: share per mille of the units, name prefixes, classes, and what
 * a jenis cell may say. */
struct type_info {
	unsigned share;
	const char *prefix;
	const char *classes[5];
	const char *variants[4];        /* for a second unit of the kind in a city */
	const char *jenis[3];
};

static const struct type_info types[N_TYPES] = {
	[LAPAS] = { 400, "Lapas", { "Kelas I", "Kelas IIA", "Kelas IIB", "Kelas III" },
		    { "Perempuan", "Narkotika", "Terbuka", "Pemuda" },
		    { "Lapas", "Lembaga Pemasyarakatan", "lapas" } },
	[RUTAN] = { 250, "Rutan", { "Kelas I", "Kelas IIA", "Kelas IIB" },
		    { "Perempuan", "Cabang", "Salemba Cabang", "Negara" },
		    { "Rutan", "Rumah Tahanan", "rutan" } },
	[LPKA] = { 75, "LPKA", { "Kelas I", "Kelas II" },
		   { "Putri", "Khusus", "Terpadu", "Cabang" },
		   { "LPKA", "Lembaga Pembinaan Khusus Anak", "lpka" } },
	[BAPAS] = { 100, "Bapas", { "Kelas I", "Kelas II" },
		    { "Cabang", "Pembantu", "Terpadu", "Wilayah" },
		    { "Bapas", "Balai Pemasyarakatan", "bapas" } },
	[IMIGRASI] = { 175, "Kantor Imigrasi", { "Kelas I TPI", "Kelas I Non TPI",
						  "Kelas II TPI", "Kelas II Non TPI",
						  "Kelas III" },
		       { "Khusus", "Cabang", "Pembantu", "Bandara" },
		       { "Imigrasi", "Kantor Imigrasi", "Kanim" } },
};

static const char *const given_names[] = {
	"Rina", "Agus", "Siti", "Yohanes", "Dewi", "Budi", "Andi", "Made", "Putu",
	"Nyoman", "Muhammad", "Nur", "Sri", "Eko", "Hendra", "Rahmat", "Fitri",
	"Yuliana", "Bambang", "Ahmad", "Lestari", "Maria", "Dian", "Hadi", "Wayan",
	"Ketut", "Ratna", "Teguh", "Indah", "Rizky", "Fransiskus", "Aisyah",
};
static const char *const family_names[] = {
	"Marlina", "Setiadi", "Nurhaliza", "Saputra", "Pratiwi", "Santoso",
	"Sétiawan", "Wijaya", "Hutapea", "Siregar", "Nasution", "Lubis", "Pane",
	"Rahmawati", "Hidayat", "Kurniawan", "Susanti", "Simanjuntak", "Manurung",
	"Tanjung", "Harahap", "Sinaga", "Wibowo", "Gunawan", "Lumban Tobing",
	"Daeng Matutu", "Pakpahan", "Sembiring", "Ginting", "Wenda",
};
static const char *const degrees[] = { "S.H.", "S.H., M.H.", "S.Sos.", "A.Md.",
				       "S.Kom.", "M.Si.", "S.E." };

static const char *const months_id[] = { "Januari", "Februari", "Maret", "April",
					 "Mei", "Juni", "Juli", "Agustus",
					 "September", "Oktober", "November",
					 "Desember" };

static const char *const notes_positive[] = {
	"Kondisi baik dan terawat",
	"Sudah sesuai standar, perlu papan petunjuk tambahan",
	"Dicek bersama Kasubsi Pelayanan",
	"Tersedia di ruang layanan terpadu \"PTSP\"",
	"Ruang tunggu ber-AC – kapasitas 40 orang",
	"Luas ± 9 m², dekat pintu masuk",
	"Sesuai SOP; dipantau setiap hari",
};
static const char *const notes_partial[] = {
	"Dalam tahap pembangunan, target selesai Desember 2019",
	"Baru sebagian; anggaran DIPA 2020",
	"Sudah ada tetapi belum memenuhi standar (lebar pintu < 90 cm)",
	"Perlu perbaikan, kondisi rusak ringan",
};
static const char *const notes_negative[] = {
	"Belum tersedia",
	"Belum ada, diusulkan tahun depan",
	"Tidak ditemukan saat verifikasi",
	"Petugas belum memahami SOP",
};

/* Answers that no scale knows, and dates that are not dates. */
static const char *const bad_answers[] = { "Adaa", "N/A", "-", "ada sebagian", "?",
					   "Patu", "x" };
static const char *const bad_dates[] = { "31/09/2019", "2019-13-02", "32 Oktober 2019",
					 "10/2019", "29/02/2019", "2019-10-3x" };

/* ---- output helpers ---------------------------------------------------------- */

struct out {
	FILE *fp;
	char delim;
	const char *eol;
	int first_field;
	unsigned long bytes;
};

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("gen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/* A field, quoted as a spreadsheet quotes it: when it holds the delimiter,
 * a quote or a line break, or starts with a space or a quote. */
static void field(struct out *o, const char *s)
{
	int quote = s[0] == ' ' || s[0] == '"' ||
		    strpbrk(s, "\"\r\n") || strchr(s, o->delim);

	if (!o->first_field)
		fputc(o->delim, o->fp);
	o->first_field = 0;
	if (!quote) {
		fputs(s, o->fp);
		return;
	}
	fputc('"', o->fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', o->fp);
		fputc(*s, o->fp);
	}
	fputc('"', o->fp);
}

/* A field written as it is, delimiters and all: how a hand-typed cell
 * splits into two. */
static void field_raw(struct out *o, const char *s)
{
	if (!o->first_field)
		fputc(o->delim, o->fp);
	o->first_field = 0;
	fputs(s, o->fp);
}

static void end_row(struct out *o)
{
	fputs(o->eol, o->fp);
	o->first_field = 1;
}

/* The id-like slug of a name, for evidence URLs. */
static void slug(char *dst, size_t size, const char *s)
{
	size_t n = 0;
	int dash = 0;

	for (; *s && n + 1 < size; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			dst[n++] = (char)c;
			dash = 0;
		} else if (c >= 'A' && c <= 'Z') {
			dst[n++] = (char)(c - 'A' + 'a');
			dash = 0;
		} else if (!dash && n > 0 && c < 0x80) {
			dst[n++] = '-';
			dash = 1;
		}
	}
	while (n > 0 && dst[n - 1] == '-')
		n--;
	dst[n] = '\0';
}

/* ---- the model ------------------------------------------------------------- */

struct options {
	unsigned offices, units, teams;
	const char *dir;
};

struct unit {
	char name[160];
	char slug[160];
	enum type type;
	unsigned quality;       /* per mille of answers at the best level */
	unsigned missing;       /* items nobody observed */
};

struct stats {
	unsigned long files, rows, bad, units, observations, conflicts_planned;
	unsigned long bytes;
	unsigned long missing_pairs, pairs, skipped, by_type[N_TYPES];
};

static char *kanwil_name(char *buf, size_t size, unsigned office)
{
	const struct province *p = &provinces[office % N_PROVINCES];
	unsigned copy = office / (unsigned)N_PROVINCES;

	/* Beyond the 33 real offices (the 10x set), numbered copies. */
	if (copy == 0)
		snprintf(buf, size, "Kanwil Kemenkumham %s", p->name);
	else
		snprintf(buf, size, "Kanwil Kemenkumham %s %u", p->name, copy + 1);
	return buf;
}

static enum type unit_type(unsigned office, unsigned u)
{
	unsigned r = pick(1000, R_TYPE, office, u, 0, 0), acc = 0;

	for (int t = 0; t < N_TYPES; t++) {
		acc += types[t].share;
		if (r < acc)
			return (enum type)t;
	}
	return LAPAS;
}

static int name_taken(const struct unit *units, unsigned n, const char *name)
{
	for (unsigned i = 0; i < n; i++)
		if (!strcmp(units[i].name, name))
			return 1;
	return 0;
}

/* The office's units: type, a name unique in the whole set, a quality. */
static void make_units(struct unit *units, unsigned office, const struct options *opt)
{
	const struct province *p = &provinces[office % N_PROVINCES];
	unsigned copy = office / (unsigned)N_PROVINCES, nc = n_cities(p);

	for (unsigned u = 0; u < opt->units; u++) {
		struct unit *un = &units[u];
		const struct type_info *ti;
		unsigned nclass, r;
		const char *city, *cls;
		char base[128];

		un->type = unit_type(office, u);
		ti = &types[un->type];
		for (nclass = 0; nclass < 5 && ti->classes[nclass]; nclass++)
			;
		city = p->cities[pick(nc, R_CITY, office, u, 0, 0)];
		cls = ti->classes[pick(nclass, R_CLASS, office, u, 0, 0)];
		snprintf(base, sizeof(base), "%s %s %s", ti->prefix, cls, city);
		if (copy)
			snprintf(base + strlen(base), sizeof(base) - strlen(base),
				 " %u", copy + 1);
		snprintf(un->name, sizeof(un->name), "%s", base);
		/* A second unit of the same kind in a city: a variant, then a number. */
		for (unsigned v = 0; name_taken(units, u, un->name); v++) {
			if (v < 4)
				snprintf(un->name, sizeof(un->name), "%s %s %s %s",
					 ti->prefix, ti->variants[v], cls, city);
			else
				snprintf(un->name, sizeof(un->name), "%s %u", base, v - 2);
			if (copy && v < 4)
				snprintf(un->name + strlen(un->name),
					 sizeof(un->name) - strlen(un->name), " %u", copy + 1);
		}
		slug(un->slug, sizeof(un->slug), un->name);
		/* Most units do well; a tail does not (SPEC 4.8 needs both). */
		r = pick(1000, R_QUALITY, office, u, 0, 0);
		un->quality = r < 500 ? 880 + r % 120 : r < 790 ? 760 + r % 120 : 550 + r % 210;
		un->missing = 0;
		if (chance(230, R_MISSING_UNIT, office, u, 0, 0))
			un->missing = 1 + pick(5, R_MISSING_N, office, u, 0, 0);
	}
}

/* The items of a type, in rubric order. */
static unsigned type_items(enum type t, const struct item **out)
{
	unsigned n = 0;

	for (size_t i = 0; i < N_ITEMS; i++)
		if (items[i].types & (1u << t))
			out[n++] = &items[i];
	return n;
}

/* The level (0 best) the unit really has for item i. */
static unsigned true_level(const struct unit *un, unsigned office, unsigned u,
			   unsigned i, enum scale s)
{
	unsigned r = pick(1000, R_ANSWER, office, u, i, 0);
	unsigned q = s == SIAGA ? 960 : s == GATE ? 980 : un->quality;

	if (r < q)
		return 0;
	if (s == SIAGA || s == GATE)
		return 1;
	return r < q + (1000 - q) / 2 ? 1 : 2;
}

/* ---- one file --------------------------------------------------------------- */

enum style { STYLE_COMMA, STYLE_EXCEL, STYLE_ALIASES, N_STYLES };

static const char *const headers[N_STYLES][10] = {
	[STYLE_COMMA] = { "Kanwil", "Nama UPT", "Jenis UPT", "Kode", "Kriteria", "Status",
			  "Data Dukung", "Keterangan", "Verifikator", "Tanggal" },
	[STYLE_EXCEL] = { "Kanwil", "UPT", "Tipe", "Kode Kriteria", "Uraian", "Jawaban",
			  "Bukti", "Catatan", "Tim", "Tgl" },
	[STYLE_ALIASES] = { "Wilayah", "Nama_Unit", "Unit Type", "Kode.Kriteria", NULL,
			    "Hasil", "Data-Pendukung", "Notes", "Verifier", "Date" },
};

static void format_date(char *buf, size_t size, int style, unsigned day_of_year)
{
	/* Visits fall between 16 September and 30 November 2019. */
	static const unsigned month_days[] = { 30, 31, 30 };
	unsigned m = 0, d = 16 + day_of_year;

	while (m < 2 && d > month_days[m]) {
		d -= month_days[m];
		m++;
	}
	if (d > month_days[m])
		d = month_days[m];
	switch (style) {
	case 0:
		snprintf(buf, size, "2019-%02u-%02u", m + 9, d);
		break;
	case 1:
		snprintf(buf, size, "%02u/%02u/2019", d, m + 9);
		break;
	case 2:
		snprintf(buf, size, "%u-%u-2019", d, m + 9);
		break;
	default:
		snprintf(buf, size, "%u %s 2019", d, months_id[m + 8]);
		break;
	}
}

/* The bad row kinds, each rejected by p2ham for one reason. */
enum bad { BAD_ANSWER, BAD_DATE, BAD_EXTRA_FIELD, BAD_CODE, BAD_EMPTY_ANSWER,
	   BAD_SHORT_ROW, N_BAD };

static void write_file(const struct options *opt, unsigned office, unsigned team,
		       const struct unit *units, struct stats *st)
{
	char path[4096], kanwil[160], kanwil_slug[160], verifier[160], date[40];
	char evidence[512];
	const struct item *list[N_ITEMS];
	int width = opt->offices >= 100 ? 3 : 2;
	enum style style = (enum style)pick(N_STYLES, R_STYLE, office, team, 0, 0);
	int date_style = (int)pick(4, R_DATEFMT, office, team, 0, 0);
	int jenis_style = (int)pick(4, R_JENIS, office, team, 0, 0);
	struct out o = { 0 };
	const char *const *h = headers[style];

	snprintf(path, sizeof(path), "%s/kanwil-%0*u-tim%u.csv", opt->dir, width,
		 office + 1, team + 1);
	o.fp = fopen(path, "wb");
	if (!o.fp)
		die("cannot write '%s': %s", path, strerror(errno));
	setvbuf(o.fp, NULL, _IOFBF, 1 << 16);
	o.delim = style == STYLE_EXCEL ? ';' : ',';
	o.eol = style == STYLE_EXCEL ? "\r\n" : "\n";
	o.first_field = 1;
	if (style == STYLE_COMMA && chance(500, R_BOM, office, team, 0, 0))
		fputs("\xEF\xBB\xBF", o.fp);
	kanwil_name(kanwil, sizeof(kanwil), office);
	slug(kanwil_slug, sizeof(kanwil_slug), kanwil + strlen("Kanwil Kemenkumham "));
	snprintf(verifier, sizeof(verifier), "Tim Verifikasi %u (%s %s, %s)", team + 1,
		 given_names[pick(32, R_VERIFIER, office, team, 0, 0)],
		 family_names[pick(30, R_VERIFIER, office, team, 1, 0)],
		 degrees[pick(7, R_VERIFIER, office, team, 2, 0)]);
	for (int c = 0; c < 10; c++)
		if (h[c])
			field(&o, h[c]);
	end_row(&o);

	for (unsigned u = 0; u < opt->units; u++) {
		const struct unit *un = &units[u];
		unsigned n = type_items(un->type, list);
		/* Team 1 visits first; later teams come back within three weeks. */
		unsigned day = pick(40, R_DATE, office, u, 0, 0) + team * (1 + pick(21, R_DATE, office, u, team, 1));

		format_date(date, sizeof(date), date_style, day);
		for (unsigned i = 0; i < n; i++) {
			const struct item *it = list[i];
			unsigned level, nl = n_levels(it->scale);
			unsigned missing_from = n - un->missing;
			const char *answer, *note = "", *jenis;
			char code[8];
			enum bad bad = N_BAD;

			/* The unit's never-observed items are its last ones,
			 * shuffled by a rotation so that not always C.24 goes. */
			unsigned slot = (i + pick(n, R_MISSING_ITEM, office, u, 0, 0)) % n;
			if (team == 0) {
				st->pairs++;
				if (slot >= missing_from)
					st->missing_pairs++;
			}
			if (slot >= missing_from)
				continue;
			/* A team sometimes skips an item that another team covers. */
			if (opt->teams > 1 && chance(15, R_SKIP, office, u, i, team) &&
			    !chance(15, R_SKIP, office, u, i, (team + 1) % opt->teams)) {
				st->skipped++;
				continue;
			}
			level = true_level(un, office, u, i, it->scale);
			/* A later team sometimes sees it differently: a conflict. */
			if (team > 0 && chance(25, R_CONFLICT, office, u, i, team)) {
				level = (level + 1 + pick(nl - 1, R_CONFLICT_LEVEL, office, u, i,
							  team)) % nl;
				st->conflicts_planned++;
			}
			answer = spellings[it->scale][level][0];
			if (style == STYLE_ALIASES || chance(100, R_SPELL, office, u, i, team))
				answer = spellings[it->scale][level]
						  [pick(4, R_SPELL, office, u, i, team + 7)];
			if (level == 0 && chance(400, R_EVIDENCE, office, u, i, team))
				snprintf(evidence, sizeof(evidence),
					 "https://drive.kemenkumham.go.id/p2ham2019/%s/%s/%s.jpg",
					 kanwil_slug, un->slug, it->code);
			else if (level == 0)
				snprintf(evidence, sizeof(evidence), "%s", it->evidence);
			else if (level == 1 && nl == 3)
				snprintf(evidence, sizeof(evidence), "%s (sebagian)", it->evidence);
			else
				evidence[0] = '\0';
			if (chance(120, R_NOTE, office, u, i, team)) {
				unsigned k = pick(64, R_NOTE, office, u, i, team + 3);
				note = level == 0 ? notes_positive[k % 7] :
				       level == nl - 1 ? notes_negative[k % 4] :
				       notes_partial[k % 4];
			}
			jenis = jenis_style == 0 ? "" : types[un->type].jenis[jenis_style - 1];
			snprintf(code, sizeof(code), "%s", it->code);
			if (chance(5, R_BAD, office, u, i, team))
				bad = (enum bad)pick(N_BAD, R_BAD_KIND, office, u, i, team);

			switch (bad) {
			case BAD_ANSWER:
				answer = bad_answers[pick(7, R_BAD_TEXT, office, u, i, team)];
				break;
			case BAD_CODE:
				/* Copied from another type's form. */
				snprintf(code, sizeof(code), "%s",
					 un->type == IMIGRASI ? "C.11" : "C.21");
				break;
			case BAD_EMPTY_ANSWER:
				answer = "";
				note = "belum dicek";
				break;
			default:
				break;
			}

			o.first_field = 1;
			field(&o, kanwil);
			field(&o, un->name);
			field(&o, jenis);
			field(&o, code);
			if (bad == BAD_SHORT_ROW) {
				/* The row was cut after the code: no answer. */
				end_row(&o);
				st->rows++;
				st->bad++;
				continue;
			}
			if (h[4])
				field(&o, it->text);
			field(&o, answer);
			field(&o, evidence);
			if (bad == BAD_EXTRA_FIELD) {
				/* A hand-typed note whose delimiter was not quoted. */
				char typed[160];
				snprintf(typed, sizeof(typed), "Dicek ulang%c belum lengkap", o.delim);
				field_raw(&o, typed);
			} else {
				field(&o, note);
			}
			field(&o, verifier);
			if (bad == BAD_DATE)
				field(&o, bad_dates[pick(6, R_BAD_TEXT, office, u, i, team)]);
			else if (chance(10, R_DATE, office, u, i, team + 2))
				field(&o, "");  /* left blank: conflicts fall to the lowest */
			else
				field(&o, date);
			end_row(&o);
			st->rows++;
			if (bad != N_BAD)
				st->bad++;
			else
				st->observations++;
		}
	}
	/* Excel's trailing all-empty rows. */
	if (style == STYLE_EXCEL && chance(500, R_SPACER, office, team, 0, 0)) {
		for (int k = 0; k < 2; k++) {
			for (int c = 1; c < 10; c++)
				fputc(o.delim, o.fp);
			fputs(o.eol, o.fp);
		}
	}
	st->bytes += (unsigned long)ftell(o.fp);
	if (fclose(o.fp) != 0)
		die("cannot write '%s': %s", path, strerror(errno));
	st->files++;
}

/* mkdir -p */
static void make_dirs(const char *dir)
{
	char buf[4096];
	size_t n = strlen(dir);

	if (n >= sizeof(buf))
		die("path too long: '%s'", dir);
	memcpy(buf, dir, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		buf[i] = '\0';
		if (mkdir(buf, 0777) != 0 && errno != EEXIST)
			die("cannot create '%s': %s", buf, strerror(errno));
		buf[i] = dir[i];
	}
}

/* ---- main -------------------------------------------------------------------- */

static const char usage[] =
	"usage: gen [-n OFFICES] [-m UNITS] [-t TEAMS] [-s SEED] -o DIR\n"
	"Writes one layout A CSV per (office, team) into DIR as kanwil-NN-timT.csv\n"
	"(default 33 offices x 40 units x 2 teams, seed 2019) and prints what it\n"
	"wrote, including the rows p2ham must reject.\n";

static unsigned long number(const char *s, const char *what)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end)
		die("%s wants a number, not '%s'", what, s);
	return v;
}

int main(int argc, char **argv)
{
	struct options opt = { 33, 40, 2, NULL };
	struct stats st = { 0 };
	struct unit *units;
	int c;

	while ((c = getopt(argc, argv, "n:m:t:s:o:h")) != -1) {
		switch (c) {
		case 'n': opt.offices = (unsigned)number(optarg, "-n"); break;
		case 'm': opt.units = (unsigned)number(optarg, "-m"); break;
		case 't': opt.teams = (unsigned)number(optarg, "-t"); break;
		case 's': seed_g = number(optarg, "-s"); break;
		case 'o': opt.dir = optarg; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	}
	if (!opt.dir || optind != argc || !opt.offices || !opt.units || !opt.teams ||
	    opt.offices > 999 || opt.units > 10000 || opt.teams > 9) {
		fputs(usage, stderr);
		return 2;
	}
	make_dirs(opt.dir);
	units = calloc(opt.units, sizeof(*units));
	if (!units)
		die("out of memory");
	for (unsigned office = 0; office < opt.offices; office++) {
		make_units(units, office, &opt);
		for (unsigned u = 0; u < opt.units; u++)
			st.by_type[units[u].type]++;
		st.units += opt.units;
		for (unsigned team = 0; team < opt.teams; team++)
			write_file(&opt, office, team, units, &st);
	}
	free(units);
	printf("files %lu\nbytes %lu\nrows %lu\nrejected %lu\naccepted %lu\n"
	       "units %lu\nlapas %lu\nrutan %lu\nlpka %lu\nbapas %lu\nimigrasi %lu\n"
	       "items-never-observed %lu of %lu\nitems-skipped-by-one-team %lu\n"
	       "answers-changed-by-later-teams %lu\n",
	       st.files, st.bytes, st.rows, st.bad, st.rows - st.bad, st.units,
	       st.by_type[LAPAS], st.by_type[RUTAN], st.by_type[LPKA], st.by_type[BAPAS],
	       st.by_type[IMIGRASI], st.missing_pairs, st.pairs, st.skipped,
	       st.conflicts_planned);
	return 0;
}
