import type { LayoutNode } from "@plinth/runtime";
import { type Command, insertItem, moveItem } from "../../store/commands.js";
import { placeOf } from "./layoutTree.js";

/** What is dragged: a new node from the palette, or a node of the canvas (by its pointer). */
export type DragData =
  | {
      readonly from: "palette";
      readonly node: LayoutNode;
      readonly title: { readonly en: string; readonly "zh-CN": string };
    }
  | { readonly from: "canvas"; readonly pointer: string };

/** Where it would land: before `index` of the child list at `array`. */
export interface DropData {
  readonly array: string;
  readonly index: number;
  /** Where that is, in words (for screen-reader announcements). */
  readonly where?: string;
}

/**
 * The command a drop makes, or undefined when it changes nothing (dropped where it was) or
 * cannot be done (a container dropped into itself, the page's root node moved).
 */
export function planDrop(drag: DragData, drop: DropData): Command | undefined {
  if (drag.from === "palette")
    return insertItem(drop.array, structuredClone(drag.node), drop.index, {
      en: `Add ${drag.title.en}`,
      "zh-CN": `添加${drag.title["zh-CN"]}`,
    });
  const place = placeOf(drag.pointer);
  if (!place) return undefined;
  if (drop.array === drag.pointer || drop.array.startsWith(`${drag.pointer}/`)) return undefined;
  if (drop.array === place.array && (drop.index === place.index || drop.index === place.index + 1)) return undefined;
  return moveItem(place.array, place.index, drop.array, drop.index);
}

/** The pointer a node dropped by `planDrop` ends up at (to keep it selected). */
export function landingPointer(drag: DragData, drop: DropData): string {
  if (drag.from === "palette") return `${drop.array}/${drop.index}`;
  const place = placeOf(drag.pointer);
  if (!place) return drag.pointer;
  const index = place.array === drop.array && drop.index > place.index ? drop.index - 1 : drop.index;
  // Moving out of an earlier sibling's subtree shifts nothing before it; moving from before the
  // target's ancestors shifts the target's path: recompute it from the document after the move.
  return `${shiftedArray(place, drop.array)}/${index}`;
}

/** `array` after removing the item at `place`: an index on its path past the item moves down one. */
function shiftedArray(place: { array: string; index: number }, array: string): string {
  const prefix = `${place.array}/`;
  if (!array.startsWith(prefix)) return array;
  const rest = array.slice(prefix.length);
  const cut = rest.indexOf("/");
  const head = Number(cut < 0 ? rest : rest.slice(0, cut));
  if (!Number.isInteger(head) || head <= place.index) return array;
  return `${prefix}${head - 1}${cut < 0 ? "" : rest.slice(cut)}`;
}
