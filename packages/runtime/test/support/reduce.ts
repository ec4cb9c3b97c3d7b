import type { TypedTree } from "../../src/expr/compileTree.js";

function children(node: TypedTree): readonly TypedTree[] {
  switch (node.type) {
    case "unary":
      return [node.operand];
    case "binary":
      return [node.left, node.right];
    case "in":
      return [node.value, ...node.list];
    case "call":
      return node.args;
    default:
      return [];
  }
}

function descendants(node: TypedTree): TypedTree[] {
  return children(node).flatMap((child) => [child, ...descendants(child)]);
}

function withChild(node: TypedTree, index: number, child: TypedTree): TypedTree {
  switch (node.type) {
    case "unary":
      return { ...node, operand: child };
    case "binary":
      return index === 0 ? { ...node, left: child } : { ...node, right: child };
    case "in":
      return index === 0
        ? { ...node, value: child }
        : { ...node, list: node.list.map((x, i) => (i === index - 1 ? child : x)) };
    case "call":
      return { ...node, args: node.args.map((x, i) => (i === index ? child : x)) };
    default:
      return node;
  }
}

/**
 * Shrink a failing tree: repeatedly replace a node by one of its descendants of the same
 * type while `fails` still holds (fast-check cannot shrink through `chain`).
 */
export function reduceTree(tree: TypedTree, fails: (candidate: TypedTree) => boolean): TypedTree {
  let current = tree;
  let progress = true;
  while (progress) {
    progress = false;
    const attempt = (node: TypedTree, rebuild: (replacement: TypedTree) => TypedTree): boolean => {
      for (const candidate of descendants(node)) {
        if (candidate.valueType.kind !== node.valueType.kind) continue;
        if (safeFails(fails, rebuild(candidate))) {
          current = rebuild(candidate);
          return true;
        }
      }
      return children(node).some((child, i) => attempt(child, (r) => rebuild(withChild(node, i, r))));
    };
    progress = attempt(current, (r) => r);
  }
  return current;
}

function safeFails(fails: (candidate: TypedTree) => boolean, candidate: TypedTree): boolean {
  try {
    return fails(candidate);
  } catch {
    return false;
  }
}
