package sample.features;

/** Sealed interface with records, a default method, a static method and a private method. */
public sealed interface Shape permits Shape.Circle, Shape.Square, Shape.Triangle {

    double area();

    default String describe() {
        return label() + " of area " + Math.round(area());
    }

    private String label() {
        return getClass().getSimpleName().toLowerCase();
    }

    static Shape parse(String text) {
        String[] parts = text.split(":");
        return switch (parts[0]) {
            case "circle" -> new Circle(Double.parseDouble(parts[1]));
            case "square" -> new Square(Double.parseDouble(parts[1]));
            case "triangle" -> new Triangle(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
            default -> throw new IllegalArgumentException("unknown shape " + parts[0]);
        };
    }

    record Circle(double radius) implements Shape {
        public Circle {
            if (radius < 0) {
                throw new IllegalArgumentException("negative radius");
            }
        }

        @Override
        public double area() {
            return Math.PI * radius * radius;
        }
    }

    record Square(double side) implements Shape {
        @Override
        public double area() {
            return side * side;
        }
    }

    record Triangle(double base, double height) implements Shape {
        @Override
        public double area() {
            return base * height / 2;
        }
    }
}
