/** Building DynamoDB expressions with placeholders for every attribute name and value. */

/** Attribute name -> value. */
type AttributeMap = Record<string, unknown>;

/** Allocates expression placeholders: #name for attribute names, :vN for values. */
export class Expr {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private count = 0;

  name(attribute: string): string {
    const placeholder = `#${attribute}`;
    this.names[placeholder] = attribute;
    return placeholder;
  }

  value(value: unknown): string {
    const placeholder = `:v${this.count++}`;
    this.values[placeholder] = value;
    return placeholder;
  }

  params(): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> } {
    return {
      ...(Object.keys(this.names).length > 0 ? { ExpressionAttributeNames: this.names } : {}),
      ...(Object.keys(this.values).length > 0 ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}

/** A condition written against an Expr (so its placeholders share the request's maps). */
export type Condition = (expr: Expr) => string;

export interface UpdateSpec {
  /** SET name = value; undefined values are skipped, null is stored as null. */
  set?: AttributeMap;
  remove?: string[];
  /** ADD name value (numbers, sets). */
  add?: AttributeMap;
}

export function updateExpression(expr: Expr, spec: UpdateSpec): string {
  const parts: string[] = [];
  const set = Object.entries(spec.set ?? {}).filter(([, value]) => value !== undefined);
  if (set.length > 0) {
    parts.push(`SET ${set.map(([name, value]) => `${expr.name(name)} = ${expr.value(value)}`).join(", ")}`);
  }
  if (spec.remove && spec.remove.length > 0) {
    parts.push(`REMOVE ${spec.remove.map((name) => expr.name(name)).join(", ")}`);
  }
  const add = Object.entries(spec.add ?? {}).filter(([, value]) => value !== undefined);
  if (add.length > 0) {
    parts.push(`ADD ${add.map(([name, value]) => `${expr.name(name)} ${expr.value(value)}`).join(", ")}`);
  }
  return parts.join(" ");
}
