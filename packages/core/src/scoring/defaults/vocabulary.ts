/** Word lists several default storylines share. */

/** The Russian state and its leader. */
export const RUSSIA_STATE = ["Russia", "Russian", "Russians", "Moscow", "Kremlin", "Putin"];

/** Ukraine: the country, its capital (both spellings), leaders and the regions the war is fought over. */
export const UKRAINE_SIDE = [
  "Ukraine",
  "Ukrainian",
  "Ukrainians",
  "Kyiv",
  "Kiev",
  "Zelensky",
  "Zelenskyy",
  "Zelenskiy",
  "Donbas",
  "Donbass",
  "Donetsk",
  "Luhansk",
  "Lugansk",
  "Zaporizhzhia",
  "Zaporizhia",
  "Zaporozhye",
  "Kherson",
  "Crimea",
  "Kharkiv",
  "Odesa",
  "Yermak",
  "Sybiha",
  "Umerov",
  "Syrskyi",
];
