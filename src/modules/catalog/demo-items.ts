import { isbn13CheckDigit } from './isbn.js';
import type { ItemRecord } from './item.js';

/**
 * Demo holdings of a Korean public library: the same ~120 titles, in different mixes, in every
 * library, so that a network catalogue search finds copies of one title (one ISBN) in many.
 * Titles, authors and publishers are real; the ISBNs are made up but valid and stable.
 */

const CHILDREN = 'children';

/** title, author as catalogued, publisher, year of the edition, KDC class, shelf. */
type DemoTitle = readonly [string, string, string, number, string, typeof CHILDREN?];

const TITLES: readonly DemoTitle[] = [
  // Korean fiction
  ['채식주의자', '한강', '창비', 2007, '813.7'],
  ['소년이 온다', '한강', '창비', 2014, '813.7'],
  ['작별하지 않는다', '한강', '문학동네', 2021, '813.7'],
  ['흰', '한강', '문학동네', 2018, '813.7'],
  ['82년생 김지영', '조남주', '민음사', 2016, '813.7'],
  ['아몬드', '손원평', '창비', 2017, '813.7'],
  ['불편한 편의점', '김호연', '나무옆의자', 2021, '813.7'],
  ['불편한 편의점 2', '김호연', '나무옆의자', 2022, '813.7'],
  ['달러구트 꿈 백화점', '이미예', '팩토리나인', 2020, '813.7'],
  ['살인자의 기억법', '김영하', '문학동네', 2013, '813.7'],
  ['오직 두 사람', '김영하', '문학동네', 2017, '813.7'],
  ['작별인사', '김영하', '복복서가', 2022, '813.7'],
  ['엄마를 부탁해', '신경숙', '창비', 2008, '813.7'],
  ['토지 1', '박경리', '마로니에북스', 2012, '813.6'],
  ['태백산맥 1', '조정래', '해냄', 2007, '813.6'],
  ['난장이가 쏘아올린 작은 공', '조세희', '이성과힘', 2000, '813.6'],
  ['무진기행', '김승옥', '민음사', 2007, '813.6'],
  ['사람의 아들', '이문열', '민음사', 2004, '813.6'],
  ['모순', '양귀자', '쓰다', 2013, '813.6'],
  ['칼의 노래', '김훈', '문학동네', 2012, '813.7'],
  ['남한산성', '김훈', '학고재', 2007, '813.7'],
  ['하얼빈', '김훈', '문학동네', 2022, '813.7'],
  ['7년의 밤', '정유정', '은행나무', 2011, '813.7'],
  ['종의 기원', '정유정', '은행나무', 2016, '813.7'],
  ['완전한 행복', '정유정', '은행나무', 2021, '813.7'],
  ['쇼코의 미소', '최은영', '문학동네', 2016, '813.7'],
  ['밝은 밤', '최은영', '문학동네', 2021, '813.7'],
  ['시선으로부터,', '정세랑', '문학동네', 2020, '813.7'],
  ['피프티 피플', '정세랑', '창비', 2016, '813.7'],
  ['보건교사 안은영', '정세랑', '민음사', 2015, '813.7'],
  ['구의 증명', '최진영', '은행나무', 2015, '813.7'],
  ['천 개의 파랑', '천선란', '허블', 2020, '813.7'],
  ['우리가 빛의 속도로 갈 수 없다면', '김초엽', '허블', 2019, '813.7'],
  ['지구 끝의 온실', '김초엽', '자이언트북스', 2021, '813.7'],
  ['저주토끼', '정보라', '아작', 2017, '813.7'],
  ['어서 오세요, 휴남동 서점입니다', '황보름', '클레이하우스', 2022, '813.7'],
  ['아버지의 해방일지', '정지아', '창비', 2022, '813.7'],
  ['일의 기쁨과 슬픔', '장류진', '창비', 2019, '813.7'],
  ['두근두근 내 인생', '김애란', '창비', 2011, '813.7'],
  ['바깥은 여름', '김애란', '문학동네', 2017, '813.7'],
  ['위저드 베이커리', '구병모', '창비', 2009, '813.7'],
  ['완득이', '김려령', '창비', 2008, '813.7'],
  ['순례 주택', '유은실', '비룡소', 2021, '813.7'],
  // Korean poetry and essays
  ['하늘과 바람과 별과 시', '윤동주', '소와다리', 2016, '811.6'],
  ['입 속의 검은 잎', '기형도', '문학과지성사', 1989, '811.6'],
  ['언어의 온도', '이기주', '말글터', 2016, '814.7'],
  ['여행의 이유', '김영하', '문학동네', 2019, '814.7'],
  ['나는 나로 살기로 했다', '김수현', '마음의숲', 2016, '814.7'],
  ['죽고 싶지만 떡볶이는 먹고 싶어', '백세희', '흔', 2018, '814.7'],
  ['최소한의 이웃', '허지웅', '김영사', 2022, '814.7'],
  ['이어령의 마지막 수업', '김지수', '열림원', 2021, '814.7'],
  // Translated fiction
  ['데미안', '헤르만 헤세', '민음사', 2000, '853'],
  ['노르웨이의 숲', '무라카미 하루키', '민음사', 2013, '833.6'],
  ['인간 실격', '다자이 오사무', '민음사', 2012, '833.6'],
  ['나미야 잡화점의 기적', '히가시노 게이고', '현대문학', 2012, '833.6'],
  ['1984', '조지 오웰', '민음사', 2003, '843'],
  ['위대한 개츠비', 'F. 스콧 피츠제럴드', '민음사', 2010, '843'],
  ['어린 왕자', '앙투안 드 생텍쥐페리', '열린책들', 2015, '863'],
  ['죄와 벌 1', '표도르 도스토옙스키', '민음사', 2012, '892.83'],
  ['해리 포터와 마법사의 돌 1', 'J.K. 롤링', '문학수첩', 2019, '843'],
  ['파친코 1', '이민진', '인플루엔셜', 2022, '843'],
  ['미드나잇 라이브러리', '매트 헤이그', '인플루엔셜', 2021, '843'],
  ['프로젝트 헤일메리', '앤디 위어', '알에이치코리아', 2021, '843'],
  // Non-fiction
  ['사피엔스', '유발 하라리', '김영사', 2015, '909'],
  ['호모 데우스', '유발 하라리', '김영사', 2017, '909'],
  ['총, 균, 쇠', '재레드 다이아몬드', '문학사상', 2005, '909'],
  ['거꾸로 읽는 세계사', '유시민', '돌베개', 2021, '909'],
  ['역사의 역사', '유시민', '돌베개', 2018, '901'],
  ['유시민의 글쓰기 특강', '유시민', '생각의길', 2015, '802'],
  ['설민석의 조선왕조실록', '설민석', '세계사', 2016, '911.05'],
  ['나의 문화유산답사기 1', '유홍준', '창비', 2011, '981.1'],
  ['코스모스', '칼 세이건', '사이언스북스', 2006, '443'],
  ['이기적 유전자', '리처드 도킨스', '을유문화사', 2018, '476'],
  ['떨림과 울림', '김상욱', '동아시아', 2018, '420'],
  ['김상욱의 양자 공부', '김상욱', '사이언스북스', 2017, '420'],
  ['정재승의 과학 콘서트', '정재승', '어크로스', 2011, '400'],
  ['랩 걸', '호프 자런', '알마', 2017, '480'],
  ['물고기는 존재하지 않는다', '룰루 밀러', '곰출판', 2021, '470'],
  ['침묵의 봄', '레이첼 카슨', '에코리브르', 2011, '539.9'],
  ['팩트풀니스', '한스 로슬링', '김영사', 2019, '001'],
  ['지적 대화를 위한 넓고 얕은 지식', '채사장', '한빛비즈', 2014, '001'],
  ['정의란 무엇인가', '마이클 샌델', '김영사', 2010, '190'],
  ['미움받을 용기', '기시미 이치로', '인플루엔셜', 2014, '189'],
  ['죽음의 수용소에서', '빅터 프랭클', '청아출판사', 2005, '185'],
  ['도둑맞은 집중력', '요한 하리', '어크로스', 2023, '181'],
  ['마흔에 읽는 쇼펜하우어', '강용수', '유노북스', 2023, '165'],
  ['아주 작은 습관의 힘', '제임스 클리어', '비즈니스북스', 2019, '199'],
  ['넛지', '리처드 탈러, 캐스 선스타인', '리더스북', 2009, '320'],
  ['90년생이 온다', '임홍택', '웨일북', 2018, '331'],
  ['돈의 속성', '김승호', '스노우폭스북스', 2020, '327'],
  ['세이노의 가르침', '세이노', '데이원', 2023, '325'],
  ['역행자', '자청', '웅진지식하우스', 2022, '325'],
  ['트렌드 코리아 2024', '김난도 외', '미래의창', 2023, '321'],
  ['공간의 미래', '유현준', '을유문화사', 2021, '540'],
  ['도시는 무엇으로 사는가', '유현준', '을유문화사', 2015, '540'],
  // Children's books
  ['구름빵', '백희나', '한솔수북', 2004, '813.8', CHILDREN],
  ['알사탕', '백희나', '책읽는곰', 2017, '813.8', CHILDREN],
  ['장수탕 선녀님', '백희나', '책읽는곰', 2012, '813.8', CHILDREN],
  ['나는 개다', '백희나', '책읽는곰', 2019, '813.8', CHILDREN],
  ['강아지똥', '권정생', '길벗어린이', 1996, '813.8', CHILDREN],
  ['몽실 언니', '권정생', '창비', 2012, '813.8', CHILDREN],
  ['엄마 까투리', '권정생', '낮은산', 2008, '813.8', CHILDREN],
  ['마당을 나온 암탉', '황선미', '사계절', 2000, '813.8', CHILDREN],
  ['나쁜 어린이 표', '황선미', '이마주', 2017, '813.8', CHILDREN],
  ['괭이부리말 아이들', '김중미', '창비', 2001, '813.8', CHILDREN],
  ['만복이네 떡집', '김리리', '비룡소', 2010, '813.8', CHILDREN],
  ['긴긴밤', '루리', '문학동네', 2021, '813.8', CHILDREN],
  ['수박 수영장', '안녕달', '창비', 2015, '813.8', CHILDREN],
  ['할머니의 여름휴가', '안녕달', '창비', 2016, '813.8', CHILDREN],
  ['팥죽 할멈과 호랑이', '박윤규', '시공주니어', 2006, '813.8', CHILDREN],
  ['지각대장 존', '존 버닝햄', '비룡소', 1996, '843', CHILDREN],
  ['괴물들이 사는 나라', '모리스 샌닥', '시공주니어', 2002, '843', CHILDREN],
  ['돼지책', '앤서니 브라운', '웅진주니어', 2001, '843', CHILDREN],
  ['고릴라', '앤서니 브라운', '비룡소', 1998, '843', CHILDREN],
  ['샬롯의 거미줄', 'E. B. 화이트', '시공주니어', 2000, '843', CHILDREN],
  ['책 먹는 여우', '프란치스카 비어만', '주니어김영사', 2001, '853', CHILDREN],
  ['누가 내 머리에 똥 쌌어?', '베르너 홀츠바르트', '사계절', 2002, '853', CHILDREN],
  ['이게 정말 사과일까?', '요시타케 신스케', '주니어김영사', 2014, '833.8', CHILDREN],
  ['이상한 과자 가게 전천당 1', '히로시마 레이코', '길벗스쿨', 2019, '833.8', CHILDREN],
  // English-language books
  ['The Vegetarian', 'Han Kang', 'Portobello Books', 2015, '813.7'],
  ['Please Look After Mom', 'Kyung-sook Shin', 'Alfred A. Knopf', 2011, '813.7'],
  ['Pachinko', 'Min Jin Lee', 'Grand Central Publishing', 2017, '843'],
  ['Minor Feelings', 'Cathy Park Hong', 'One World', 2020, '844'],
  ['Tomorrow, and Tomorrow, and Tomorrow', 'Gabrielle Zevin', 'Alfred A. Knopf', 2022, '843'],
  ['Project Hail Mary', 'Andy Weir', 'Ballantine Books', 2021, '843'],
  ['The Midnight Library', 'Matt Haig', 'Canongate', 2020, '843'],
  ['Animal Farm', 'George Orwell', 'Penguin Books', 2000, '843'],
  ['The Old Man and the Sea', 'Ernest Hemingway', 'Scribner', 1995, '843'],
  ['Sapiens: A Brief History of Humankind', 'Yuval Noah Harari', 'Harper', 2015, '909'],
  ['Cosmos', 'Carl Sagan', 'Random House', 1980, '443'],
  ['Educated', 'Tara Westover', 'Random House', 2018, '998'],
  ['Atomic Habits', 'James Clear', 'Avery', 2018, '199'],
  ["Harry Potter and the Philosopher's Stone", 'J. K. Rowling', 'Bloomsbury', 1997, '843'],
  ['The Very Hungry Caterpillar', 'Eric Carle', 'Puffin Books', 1974, '843', CHILDREN],
  [
    'Brown Bear, Brown Bear, What Do You See?',
    'Bill Martin Jr.',
    'Henry Holt',
    1992,
    '843',
    CHILDREN,
  ],
  ['Where the Wild Things Are', 'Maurice Sendak', 'Harper & Row', 1963, '843', CHILDREN],
  ['The Giving Tree', 'Shel Silverstein', 'Harper & Row', 1964, '843', CHILDREN],
  ['Frog and Toad Are Friends', 'Arnold Lobel', 'Harper & Row', 1970, '843', CHILDREN],
  ["Charlotte's Web", 'E. B. White', 'HarperCollins', 2012, '843', CHILDREN],
  ['Matilda', 'Roald Dahl', 'Puffin Books', 2016, '843', CHILDREN],
  ['Wonder', 'R. J. Palacio', 'Alfred A. Knopf', 2012, '843', CHILDREN],
  ['Guess How Much I Love You', 'Sam McBratney', 'Walker Books', 1994, '843', CHILDREN],
  ['The Little Prince', 'Antoine de Saint-Exupéry', 'Harcourt', 2000, '863', CHILDREN],
];

/** ISBN group and registrant of a few publishers; the others get a made-up but stable one. */
const REGISTRANTS: Readonly<Record<string, string>> = {
  창비: '89364',
  문학동네: '89546',
  민음사: '89374',
  김영사: '89349',
  비룡소: '89491',
  문학과지성사: '89320',
  열린책들: '89329',
  을유문화사: '89324',
  시공주니어: '89527',
  'Penguin Books': '014',
  'Puffin Books': '014',
  Harper: '006',
  HarperCollins: '006',
  'Harper & Row': '006',
};

/** Non-loanable (reference) copies, read in the library only. */
const REFERENCE_SHARE = 0.03;

const HANGUL_SYLLABLE = /[가-힣]/;
const INITIALS = 'ㄱㄱㄴㄷㄷㄹㅁㅂㅂㅅㅅㅇㅈㅈㅊㅋㅌㅍㅎ'; // double consonants file as single ones

/** 32-bit FNV-1a hash of a string's UTF-16 code units. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a small, fast seeded generator of numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Initials of the code's words, e.g. `jinju-seobu-library` → `JSL`, `gimhae` → `GI`. */
export function demoBarcodePrefix(libraryCode: string): string {
  const words = libraryCode.toUpperCase().match(/[A-Z]+/g) ?? [];
  const initials = words.map((word) => word[0]).join('');
  if (initials.length >= 2) return initials.slice(0, 3);
  return `${words[0] ?? ''}LB`.slice(0, 2);
}

/** `count` copies for one library: the same library code always gives the same items. */
export function demoItems(libraryCode: string, count: number): ItemRecord[] {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError('count must be a whole number ≥ 0');
  }
  const random = mulberry32(hashString(libraryCode));
  const prefix = demoBarcodePrefix(libraryCode);
  const digits = Math.max(7, String(count).length);
  const copies = new Map<DemoTitle, number>();
  const items: ItemRecord[] = [];
  for (let n = 1; n <= count; n++) {
    const title = pickTitle(random());
    const copy = (copies.get(title) ?? 0) + 1;
    copies.set(title, copy);
    const barcode = `${prefix}${String(n).padStart(digits, '0')}`;
    items.push(demoItem(title, barcode, copy, random() >= REFERENCE_SHARE));
  }
  return items;
}

function demoItem(title: DemoTitle, barcode: string, copy: number, loanable: boolean): ItemRecord {
  const [name, author, publisher, year] = title;
  return {
    line: 0,
    barcode,
    title: name,
    author,
    publisher,
    year,
    isbn: ISBNS.get(title) ?? null,
    callNumber: callNumber(title, copy, loanable),
    loanable,
  };
}

/** Newer books are bought in more copies, so they turn up more often. */
function weightOf([, , , year]: DemoTitle): number {
  if (year >= 2020) return 3;
  return year >= 2010 ? 2 : 1;
}

const TOTAL_WEIGHT = TITLES.reduce((sum, title) => sum + weightOf(title), 0);

function pickTitle(draw: number): DemoTitle {
  let left = draw * TOTAL_WEIGHT;
  for (const title of TITLES) {
    left -= weightOf(title);
    if (left < 0) return title;
  }
  return TITLES[TITLES.length - 1]!;
}

/** A stable ISBN-13 per title: 978-89 for Korean publishers, 978-0 for English-language ones. */
function isbnOf([name, author, publisher]: DemoTitle): string {
  const korean = HANGUL_SYLLABLE.test(publisher);
  const publisherHash = hashString(publisher);
  const registrant =
    REGISTRANTS[publisher] ??
    (korean ? `89${5000 + (publisherHash % 4000)}` : `0${300 + (publisherHash % 600)}`);
  const random = mulberry32(hashString(`${name}|${author}`));
  let first12 = `978${registrant}`;
  while (first12.length < 12) first12 += String(Math.floor(random() * 10));
  return first12 + isbn13CheckDigit(first12);
}

const ISBNS: ReadonlyMap<DemoTitle, string> = new Map(
  TITLES.map((title) => [title, isbnOf(title)]),
);

/**
 * KDC class, then an author mark: a Korean library's `813.7-한12ㅊ` (surname, number, title initial)
 * or a Cutter-like `843-O79a` for names in Latin letters. `아` marks the children's room,
 * `참` a reference copy, `=2` the second copy of a title.
 */
function callNumber(title: DemoTitle, copy: number, loanable: boolean): string {
  const [name, author, , , kdc, shelf] = title;
  const room = !loanable ? '참 ' : shelf === CHILDREN ? '아 ' : '';
  const copyMark = copy > 1 ? `=${copy}` : '';
  return `${room}${kdc}-${authorMark(author, name, kdc)}${copyMark}`;
}

function authorMark(author: string, title: string, kdc: string): string {
  const surname = surnameOf(author, kdc);
  const hash = hashString(author);
  if (HANGUL_SYLLABLE.test(surname)) {
    return `${surname[0]}${10 + (hash % 90)}${titleInitial(title)}`;
  }
  return `${surname[0]?.toUpperCase() ?? 'X'}${100 + (hash % 900)}${titleInitial(title)}`;
}

/** The first author's filing name: the family name, which Japanese names put first. */
function surnameOf(author: string, kdc: string): string {
  const first = author.split(/,| 외/)[0] ?? author;
  const words = first.split(/\s+/).filter((word) => word !== '' && word !== 'Jr.');
  const japanese = kdc.startsWith('833');
  return (japanese ? words[0] : words[words.length - 1]) ?? author;
}

/** The initial consonant of the title's first Hangul syllable, or its first Latin letter or digit. */
function titleInitial(title: string): string {
  const words = title.split(/\s+/);
  const significant = /^(the|a|an)$/i.test(words[0] ?? '') ? words.slice(1).join(' ') : title;
  for (const char of significant) {
    if (HANGUL_SYLLABLE.test(char)) {
      return INITIALS[Math.floor((char.charCodeAt(0) - 0xac00) / 588)] ?? '';
    }
    if (/[A-Za-z]/.test(char)) return char.toLowerCase();
  }
  return significant[0] ?? '';
}
