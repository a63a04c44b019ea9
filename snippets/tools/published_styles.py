"""Models written the way published examples write them, and the summaries Keras prints.

Each program below is written in the style of a source readers copy from: the keras.io
examples and guides (functional blocks, residual connections, builder functions with
defaults, loops, keras.Input and keras.Model), the TensorFlow tutorials (Sequential
lists, data augmentation layers, tf.keras.layers.X), books' notebooks, Stack Overflow
questions (model.add(...) lines, input_shape=) and personal repositories (functions
with hyperparameters). None is copied from them. Keras runs each program in a fresh
session and this prints the program, then what it printed: its model's summary, or the
error. The calculator is given each program and the explainer each summary; a few
programs use what the calculator refuses to read (a Keras 2 module that Keras 3 no
longer has, a custom layer class, a Lambda layer, a loop over data, a size computed
from data).
"""

import os
from unittest import mock

from tensorflow import keras

PROGRAMS = {}

PROGRAMS["MNIST convnet, Sequential with keras.Input"] = """
from tensorflow import keras
from tensorflow.keras import layers

num_classes = 10
input_shape = (28, 28, 1)

model = keras.Sequential(
    [
        keras.Input(shape=input_shape),
        layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.Dense(num_classes, activation="softmax"),
    ]
)
model.summary()
"""

PROGRAMS["Small Xception, a builder function with a loop and residuals"] = """
from tensorflow import keras
from tensorflow.keras import layers

image_size = (90, 90)


def make_model(input_shape, num_classes):
    inputs = keras.Input(shape=input_shape)
    x = layers.Rescaling(1.0 / 255)(inputs)
    x = layers.Conv2D(32, 3, strides=2, padding="same")(x)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)

    previous_block_activation = x

    for size in [64, 128]:
        x = layers.Activation("relu")(x)
        x = layers.SeparableConv2D(size, 3, padding="same")(x)
        x = layers.BatchNormalization()(x)
        x = layers.MaxPooling2D(3, strides=2, padding="same")(x)

        residual = layers.Conv2D(size, 1, strides=2, padding="same")(
            previous_block_activation
        )
        x = layers.add([x, residual])
        previous_block_activation = x

    x = layers.GlobalAveragePooling2D()(x)
    if num_classes == 2:
        units = 1
        activation = "sigmoid"
    else:
        units = num_classes
        activation = "softmax"
    x = layers.Dropout(0.25)(x)
    outputs = layers.Dense(units, activation=activation)(x)
    return keras.Model(inputs, outputs)


model = make_model(input_shape=image_size + (3,), num_classes=2)
model.summary()
"""

PROGRAMS["Image classification tutorial, augmentation as the first layer"] = """
import tensorflow as tf
from tensorflow.keras import layers
from tensorflow.keras.models import Sequential

img_height, img_width = 64, 64
num_classes = 5

data_augmentation = Sequential(
    [
        layers.RandomFlip("horizontal", input_shape=(img_height, img_width, 3)),
        layers.RandomRotation(0.1),
        layers.RandomZoom(0.1),
    ]
)

model = Sequential([
    data_augmentation,
    layers.Rescaling(1.0 / 255),
    layers.Conv2D(16, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(32, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Dropout(0.2),
    layers.Flatten(),
    layers.Dense(64, activation="relu"),
    layers.Dense(num_classes, name="outputs"),
])
model.summary()
"""

PROGRAMS["Bidirectional LSTM on IMDB, functional"] = """
import keras
from keras import layers

max_features = 20000

inputs = keras.Input(shape=(None,), dtype="int32")
x = layers.Embedding(max_features, 128)(inputs)
x = layers.Bidirectional(layers.LSTM(64, return_sequences=True))(x)
x = layers.Bidirectional(layers.LSTM(64))(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.summary()
"""

PROGRAMS["Text classification with an RNN, tf.keras.layers"] = """
import tensorflow as tf

VOCAB_SIZE = 1000

model = tf.keras.Sequential([
    tf.keras.Input(shape=(None,)),
    tf.keras.layers.Embedding(input_dim=VOCAB_SIZE, output_dim=64, mask_zero=True),
    tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(64, return_sequences=True)),
    tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(32)),
    tf.keras.layers.Dense(64, activation="relu"),
    tf.keras.layers.Dropout(0.5),
    tf.keras.layers.Dense(1),
])
model.summary()
"""

PROGRAMS["Stock price LSTM, model.add with input_shape"] = """
from keras.models import Sequential
from keras.layers import Dense, Dropout, LSTM

timesteps = 60

model = Sequential()
model.add(LSTM(units=50, return_sequences=True, input_shape=(timesteps, 1)))
model.add(Dropout(0.2))
model.add(LSTM(units=50, return_sequences=True))
model.add(Dropout(0.2))
model.add(LSTM(units=50))
model.add(Dropout(0.2))
model.add(Dense(units=1))
model.compile(optimizer="adam", loss="mean_squared_error")
model.summary()
"""

PROGRAMS["GRU with reset_after=False, as older checkpoints need"] = """
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential()
model.add(keras.Input(shape=(None, 28)))
model.add(layers.GRU(64, return_sequences=True, reset_after=False))
model.add(layers.GRU(32, reset_after=False))
model.add(layers.Dense(10, activation="softmax"))
model.summary()
"""

PROGRAMS["Character model, SimpleRNN and TimeDistributed"] = """
from tensorflow import keras
from tensorflow.keras import layers

vocab = "abcdefghijklmnopqrstuvwxyz .,!?"
seq_length = 40

model = keras.Sequential([
    keras.Input(shape=(seq_length,)),
    layers.Embedding(len(vocab), 32),
    layers.SimpleRNN(128, return_sequences=True),
    layers.SimpleRNN(128, return_sequences=True),
    layers.TimeDistributed(layers.Dense(len(vocab), activation="softmax")),
])
model.summary()
"""

PROGRAMS["Sequence to sequence, LSTM states passed on"] = """
import keras

num_encoder_tokens = 71
num_decoder_tokens = 93
latent_dim = 256

encoder_inputs = keras.Input(shape=(None, num_encoder_tokens))
encoder = keras.layers.LSTM(latent_dim, return_state=True)
encoder_outputs, state_h, state_c = encoder(encoder_inputs)
encoder_states = [state_h, state_c]

decoder_inputs = keras.Input(shape=(None, num_decoder_tokens))
decoder_lstm = keras.layers.LSTM(latent_dim, return_sequences=True, return_state=True)
decoder_outputs, _, _ = decoder_lstm(decoder_inputs, initial_state=encoder_states)
decoder_dense = keras.layers.Dense(num_decoder_tokens, activation="softmax")
decoder_outputs = decoder_dense(decoder_outputs)

model = keras.Model([encoder_inputs, decoder_inputs], decoder_outputs)
model.summary()
"""

PROGRAMS["Learning to add, RepeatVector and a loop over range"] = """
from tensorflow import keras
from tensorflow.keras import layers

DIGITS = 3
MAXLEN = DIGITS + 1 + DIGITS
chars = "0123456789+ "
num_layers = 1

model = keras.Sequential()
model.add(layers.Input((MAXLEN, len(chars))))
model.add(layers.LSTM(128))
model.add(layers.RepeatVector(DIGITS + 1))
for _ in range(num_layers):
    model.add(layers.LSTM(128, return_sequences=True))
model.add(layers.Dense(len(chars), activation="softmax"))
model.summary()
"""

PROGRAMS["Next-frame prediction with ConvLSTM2D"] = """
from tensorflow import keras
from tensorflow.keras import layers

inp = layers.Input(shape=(None, 32, 32, 1))
x = layers.ConvLSTM2D(
    filters=32,
    kernel_size=(5, 5),
    padding="same",
    return_sequences=True,
    activation="relu",
)(inp)
x = layers.BatchNormalization()(x)
x = layers.ConvLSTM2D(
    filters=32,
    kernel_size=(3, 3),
    padding="same",
    return_sequences=True,
    activation="relu",
)(x)
x = layers.BatchNormalization()(x)
x = layers.Conv3D(
    filters=1, kernel_size=(3, 3, 3), activation="sigmoid", padding="same"
)(x)
model = keras.models.Model(inp, x)
model.summary()
"""

PROGRAMS["Convolutional autoencoder, Conv2DTranspose and UpSampling2D"] = """
from tensorflow import keras
from tensorflow.keras import layers

encoder_input = keras.Input(shape=(28, 28, 1), name="img")
x = layers.Conv2D(16, 3, activation="relu")(encoder_input)
x = layers.Conv2D(32, 3, activation="relu")(x)
x = layers.MaxPooling2D(3)(x)
x = layers.Conv2D(32, 3, activation="relu")(x)
x = layers.Conv2D(16, 3, activation="relu")(x)
encoder_output = layers.GlobalMaxPooling2D()(x)

x = layers.Reshape((4, 4, 1))(encoder_output)
x = layers.Conv2DTranspose(16, 3, activation="relu")(x)
x = layers.Conv2DTranspose(32, 3, activation="relu")(x)
x = layers.UpSampling2D(3)(x)
x = layers.Conv2DTranspose(16, 3, activation="relu")(x)
decoder_output = layers.Conv2DTranspose(1, 3, activation="relu")(x)

autoencoder = keras.Model(encoder_input, decoder_output, name="autoencoder")
autoencoder.summary()
"""

PROGRAMS["Models called as layers: an encoder and a decoder"] = """
from tensorflow import keras
from tensorflow.keras import layers

encoder_input = keras.Input(shape=(28, 28, 1), name="original_img")
x = layers.Conv2D(16, 3, activation="relu")(encoder_input)
x = layers.MaxPooling2D(3)(x)
x = layers.Conv2D(16, 3, activation="relu")(x)
encoder_output = layers.GlobalMaxPooling2D()(x)
encoder = keras.Model(encoder_input, encoder_output, name="encoder")

decoder_input = keras.Input(shape=(16,), name="encoded_img")
x = layers.Reshape((4, 4, 1))(decoder_input)
x = layers.Conv2DTranspose(16, 3, activation="relu")(x)
x = layers.UpSampling2D(3)(x)
decoder_output = layers.Conv2DTranspose(1, 3, activation="relu")(x)
decoder = keras.Model(decoder_input, decoder_output, name="decoder")

autoencoder_input = keras.Input(shape=(28, 28, 1), name="img")
encoded_img = encoder(autoencoder_input)
decoded_img = decoder(encoded_img)
autoencoder = keras.Model(autoencoder_input, decoded_img, name="autoencoder")
autoencoder.summary()
"""

PROGRAMS["Three inputs and two named outputs"] = """
from tensorflow import keras
from tensorflow.keras import layers

num_tags = 12
num_words = 10000
num_departments = 4

title_input = keras.Input(shape=(None,), name="title")
body_input = keras.Input(shape=(None,), name="body")
tags_input = keras.Input(shape=(num_tags,), name="tags")

title_features = layers.Embedding(num_words, 64)(title_input)
body_features = layers.Embedding(num_words, 64)(body_input)
title_features = layers.LSTM(128)(title_features)
body_features = layers.LSTM(32)(body_features)

x = layers.concatenate([title_features, body_features, tags_input])
priority_pred = layers.Dense(1, name="priority")(x)
department_pred = layers.Dense(num_departments, name="department")(x)

model = keras.Model(
    inputs=[title_input, body_input, tags_input],
    outputs={"priority": priority_pred, "department": department_pred},
)
model.summary()
"""

PROGRAMS["Toy ResNet with layers.add"] = """
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(32, 32, 3), name="img")
x = layers.Conv2D(32, 3, activation="relu")(inputs)
x = layers.Conv2D(64, 3, activation="relu")(x)
block_1_output = layers.MaxPooling2D(3)(x)

x = layers.Conv2D(64, 3, activation="relu", padding="same")(block_1_output)
x = layers.Conv2D(64, 3, activation="relu", padding="same")(x)
block_2_output = layers.add([x, block_1_output])

x = layers.Conv2D(64, 3, activation="relu", padding="same")(block_2_output)
x = layers.Conv2D(64, 3, activation="relu", padding="same")(x)
block_3_output = layers.add([x, block_2_output])

x = layers.Conv2D(64, 3, activation="relu")(block_3_output)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dense(256, activation="relu")(x)
x = layers.Dropout(0.5)(x)
outputs = layers.Dense(10)(x)

model = keras.Model(inputs, outputs, name="toy_resnet")
model.summary()
"""

PROGRAMS["Transformer encoder block written as a function"] = """
import keras
from keras import layers

vocab_size = 20000
maxlen = 200
embed_dim = 32
num_heads = 2
ff_dim = 32


def transformer_encoder(inputs, head_size, num_heads, ff_dim, dropout=0.1):
    x = layers.MultiHeadAttention(
        key_dim=head_size, num_heads=num_heads, dropout=dropout
    )(inputs, inputs)
    x = layers.Dropout(dropout)(x)
    x = layers.LayerNormalization(epsilon=1e-6)(x)
    res = x + inputs

    x = layers.Conv1D(filters=ff_dim, kernel_size=1, activation="relu")(res)
    x = layers.Dropout(dropout)(x)
    x = layers.Conv1D(filters=inputs.shape[-1], kernel_size=1)(x)
    x = layers.LayerNormalization(epsilon=1e-6)(x)
    return x + res


inputs = keras.Input(shape=(maxlen,))
x = layers.Embedding(vocab_size, embed_dim)(inputs)
for _ in range(2):
    x = transformer_encoder(x, embed_dim, num_heads, ff_dim)
x = layers.GlobalAveragePooling1D()(x)
x = layers.Dropout(0.1)(x)
x = layers.Dense(20, activation="relu")(x)
outputs = layers.Dense(2, activation="softmax")(x)
model = keras.Model(inputs=inputs, outputs=outputs)
model.summary()
"""

PROGRAMS["MobileNet-style blocks: DepthwiseConv2D, ReLU(6.0), ZeroPadding2D"] = """
from tensorflow import keras
from tensorflow.keras import layers


def depthwise_block(x, pointwise_filters, strides=(1, 1), block_id=1):
    if strides != (1, 1):
        x = layers.ZeroPadding2D(((0, 1), (0, 1)), name=f"conv_pad_{block_id}")(x)
    x = layers.DepthwiseConv2D(
        (3, 3),
        padding="same" if strides == (1, 1) else "valid",
        strides=strides,
        use_bias=False,
        name=f"conv_dw_{block_id}",
    )(x)
    x = layers.BatchNormalization(name=f"conv_dw_{block_id}_bn")(x)
    x = layers.ReLU(6.0, name=f"conv_dw_{block_id}_relu")(x)
    x = layers.Conv2D(
        pointwise_filters, (1, 1), use_bias=False, name=f"conv_pw_{block_id}"
    )(x)
    x = layers.BatchNormalization(name=f"conv_pw_{block_id}_bn")(x)
    return layers.ReLU(6.0, name=f"conv_pw_{block_id}_relu")(x)


def build_mobilenet(input_shape=(96, 96, 3), classes=10, alpha=1.0):
    inputs = keras.Input(shape=input_shape)
    x = layers.Conv2D(int(32 * alpha), 3, strides=2, padding="same", use_bias=False)(
        inputs
    )
    x = layers.BatchNormalization()(x)
    x = layers.ReLU(6.0)(x)
    x = depthwise_block(x, int(64 * alpha), block_id=1)
    x = depthwise_block(x, int(128 * alpha), strides=(2, 2), block_id=2)
    x = depthwise_block(x, int(128 * alpha), block_id=3)
    x = layers.GlobalAveragePooling2D()(x)
    outputs = layers.Dense(classes, activation="softmax")(x)
    return keras.Model(inputs, outputs, name="mobilenet_small")


model = build_mobilenet()
model.summary()
"""

PROGRAMS["U-Net with skip connections and concatenate"] = """
from tensorflow import keras
from tensorflow.keras import layers


def conv_block(x, filters):
    x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
    x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
    return x


def unet(input_size=(64, 64, 1), base=16):
    inputs = keras.Input(input_size)
    skips = []
    x = inputs
    for i in range(3):
        x = conv_block(x, base * 2**i)
        skips.append(x)
        x = layers.MaxPooling2D(2)(x)
    x = conv_block(x, base * 8)
    for i in reversed(range(3)):
        x = layers.Conv2DTranspose(base * 2**i, 2, strides=2, padding="same")(x)
        x = layers.concatenate([x, skips[i]], axis=3)
        x = conv_block(x, base * 2**i)
    outputs = layers.Conv2D(1, 1, activation="sigmoid")(x)
    return keras.Model(inputs=[inputs], outputs=[outputs])


model = unet()
model.summary()
"""

PROGRAMS["DCGAN generator: Dense, LeakyReLU, Reshape, Conv2DTranspose"] = """
from tensorflow import keras
from tensorflow.keras import layers

latent_dim = 128

generator = keras.Sequential(
    [
        keras.Input(shape=(latent_dim,)),
        layers.Dense(7 * 7 * 128),
        layers.LeakyReLU(0.2),
        layers.Reshape((7, 7, 128)),
        layers.Conv2DTranspose(128, kernel_size=4, strides=2, padding="same"),
        layers.LeakyReLU(0.2),
        layers.Conv2DTranspose(128, kernel_size=4, strides=2, padding="same"),
        layers.LeakyReLU(0.2),
        layers.Conv2D(1, kernel_size=7, padding="same", activation="sigmoid"),
    ],
    name="generator",
)
generator.summary()
"""

PROGRAMS["GAN discriminator with LeakyReLU(alpha=...)"] = """
from tensorflow import keras
from tensorflow.keras import layers

discriminator = keras.Sequential(name="discriminator")
discriminator.add(keras.Input(shape=(28, 28, 1)))
discriminator.add(layers.Conv2D(64, (3, 3), strides=(2, 2), padding="same"))
discriminator.add(layers.LeakyReLU(alpha=0.2))
discriminator.add(layers.Conv2D(128, (3, 3), strides=(2, 2), padding="same"))
discriminator.add(layers.LeakyReLU(alpha=0.2))
discriminator.add(layers.GlobalMaxPooling2D())
discriminator.add(layers.Dense(1))
discriminator.summary()
"""

PROGRAMS["Time series classification with Conv1D"] = """
from tensorflow import keras


def make_model(input_shape, num_classes=2):
    input_layer = keras.layers.Input(input_shape)

    conv1 = keras.layers.Conv1D(filters=64, kernel_size=3, padding="same")(input_layer)
    conv1 = keras.layers.BatchNormalization()(conv1)
    conv1 = keras.layers.ReLU()(conv1)

    conv2 = keras.layers.Conv1D(filters=64, kernel_size=3, padding="same")(conv1)
    conv2 = keras.layers.BatchNormalization()(conv2)
    conv2 = keras.layers.ReLU()(conv2)

    gap = keras.layers.GlobalAveragePooling1D()(conv2)
    output_layer = keras.layers.Dense(num_classes, activation="softmax")(gap)
    return keras.models.Model(inputs=input_layer, outputs=output_layer)


model = make_model(input_shape=(500, 1))
model.summary()
"""

PROGRAMS["Tabular inputs made in a list comprehension"] = """
from tensorflow import keras
from tensorflow.keras import layers

feature_names = ["age", "trestbps", "chol", "thalach", "oldpeak"]

inputs = [keras.Input(shape=(1,), name=name) for name in feature_names]
x = layers.concatenate(inputs)
x = layers.Dense(32, activation="relu")(x)
x = layers.Dropout(0.5)(x)
output = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, output)
model.summary()
"""

PROGRAMS["Book style: Dense layers, model.build"] = """
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Dense(64, activation="relu"),
    layers.Dense(10, activation="softmax"),
])
model.build(input_shape=(None, 3))
model.summary()
"""

PROGRAMS["Book style: a residual block with a projection"] = """
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(32, 32, 3))
x = layers.Rescaling(1.0 / 255)(inputs)


def residual_block(x, filters, pooling=False):
    residual = x
    x = layers.Conv2D(filters, 3, activation="relu", padding="same")(x)
    x = layers.Conv2D(filters, 3, activation="relu", padding="same")(x)
    if pooling:
        x = layers.MaxPooling2D(2, padding="same")(x)
        residual = layers.Conv2D(filters, 1, strides=2)(residual)
    elif filters != residual.shape[-1]:
        residual = layers.Conv2D(filters, 1)(residual)
    x = layers.add([x, residual])
    return x


x = residual_block(x, filters=32, pooling=True)
x = residual_block(x, filters=64, pooling=True)
x = residual_block(x, filters=128, pooling=False)

x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs=inputs, outputs=outputs)
model.summary()
"""

PROGRAMS["Book style: separable convolutions in a loop over sizes"] = """
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(120, 120, 3))
x = layers.Conv2D(filters=32, kernel_size=5, use_bias=False)(inputs)

for size in [32, 64, 128]:
    residual = x

    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    x = layers.SeparableConv2D(size, 3, padding="same", use_bias=False)(x)

    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    x = layers.SeparableConv2D(size, 3, padding="same", use_bias=False)(x)

    x = layers.MaxPooling2D(3, strides=2, padding="same")(x)

    residual = layers.Conv2D(size, 1, strides=2, padding="same", use_bias=False)(
        residual
    )
    x = layers.add([x, residual])

x = layers.GlobalAveragePooling2D()(x)
x = layers.Dropout(0.5)(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs=inputs, outputs=outputs)
model.summary()
"""

PROGRAMS["Basic classification tutorial: Flatten with input_shape"] = """
import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.layers.Flatten(input_shape=(28, 28)),
    tf.keras.layers.Dense(128, activation="relu"),
    tf.keras.layers.Dense(10),
])
model.summary()
"""

PROGRAMS["Overfitting tutorial: regularizers and dropout"] = """
import tensorflow as tf
from tensorflow.keras import layers, regularizers

FEATURES = 28

combined_model = tf.keras.Sequential([
    layers.Dense(512, kernel_regularizer=regularizers.l2(0.0001),
                 activation="elu", input_shape=(FEATURES,)),
    layers.Dropout(0.5),
    layers.Dense(512, kernel_regularizer=regularizers.l2(0.0001),
                 activation="elu"),
    layers.Dropout(0.5),
    layers.Dense(1),
])
combined_model.summary()
"""

PROGRAMS["Stack Overflow style: Keras 2 imports, Conv2D with input_shape"] = """
from keras.models import Sequential
from keras.layers import Conv2D, MaxPooling2D, Activation, Dropout, Flatten, Dense

model = Sequential()
model.add(Conv2D(32, (3, 3), input_shape=(64, 64, 3)))
model.add(Activation("relu"))
model.add(MaxPooling2D(pool_size=(2, 2)))

model.add(Conv2D(32, (3, 3)))
model.add(Activation("relu"))
model.add(MaxPooling2D(pool_size=(2, 2)))

model.add(Conv2D(64, (3, 3)))
model.add(Activation("relu"))
model.add(MaxPooling2D(pool_size=(2, 2)))

model.add(Flatten())
model.add(Dense(64))
model.add(Activation("relu"))
model.add(Dropout(0.5))
model.add(Dense(1))
model.add(Activation("sigmoid"))
model.summary()
"""

PROGRAMS["Repository style: a builder with hyperparameters called with values"] = """
import tensorflow as tf
from tensorflow.keras.layers import Dense, Dropout, BatchNormalization


def build_model(n_features, n_layers=3, units=64, dropout=0.2, batch_norm=False):
    model = tf.keras.models.Sequential()
    model.add(tf.keras.Input(shape=(n_features,)))
    for i in range(n_layers):
        model.add(Dense(units // (2**i), activation="relu", name=f"hidden_{i}"))
        if batch_norm:
            model.add(BatchNormalization())
        model.add(Dropout(dropout))
    model.add(Dense(1, activation="linear", name="output"))
    return model


model = build_model(13, n_layers=4, units=128, batch_norm=True)
model.summary()
"""

PROGRAMS["Activations as layers: LeakyReLU, PReLU, ELU"] = """
from tensorflow.keras import Sequential
from tensorflow.keras.layers import Dense, LeakyReLU, PReLU, ELU, Input

model = Sequential([
    Input(shape=(20,)),
    Dense(64),
    LeakyReLU(),
    Dense(64),
    PReLU(),
    Dense(32),
    ELU(alpha=1.0),
    Dense(3, activation="softmax"),
])
model.summary()
"""

PROGRAMS["Attention over time with Permute and RepeatVector"] = """
from tensorflow import keras
from tensorflow.keras import layers

TIME_STEPS = 20
INPUT_DIM = 2

inputs = keras.Input(shape=(TIME_STEPS, INPUT_DIM))
lstm_out = layers.LSTM(32, return_sequences=True)(inputs)
a = layers.Permute((2, 1))(lstm_out)
a = layers.Dense(TIME_STEPS, activation="softmax")(a)
a_probs = layers.Permute((2, 1), name="attention_vec")(a)
weighted = layers.multiply([lstm_out, a_probs])
x = layers.Flatten()(weighted)
output = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs=[inputs], outputs=output)
model.summary()
"""

PROGRAMS["Text CNN: Embedding, Conv1D with strides, GlobalMaxPooling1D"] = """
from tensorflow import keras
from tensorflow.keras import layers

max_features = 20000
embedding_dim = 128
sequence_length = 500

inputs = keras.Input(shape=(None,), dtype="int64")
x = layers.Embedding(max_features, embedding_dim)(inputs)
x = layers.Dropout(0.5)(x)
x = layers.Conv1D(128, 7, padding="valid", activation="relu", strides=3)(x)
x = layers.Conv1D(128, 7, padding="valid", activation="relu", strides=3)(x)
x = layers.GlobalMaxPooling1D()(x)
x = layers.Dense(128, activation="relu")(x)
x = layers.Dropout(0.5)(x)
predictions = layers.Dense(1, activation="sigmoid", name="predictions")(x)
model = keras.Model(inputs, predictions)
model.summary()
"""

PROGRAMS["Siamese network: one model applied to two inputs"] = """
from tensorflow import keras
from tensorflow.keras import layers


def make_embedding(input_shape=(64,)):
    inputs = keras.Input(shape=input_shape)
    x = layers.Dense(128, activation="relu")(inputs)
    x = layers.BatchNormalization()(x)
    outputs = layers.Dense(32)(x)
    return keras.Model(inputs, outputs, name="embedding")


embedding = make_embedding()
left = keras.Input(shape=(64,), name="left")
right = keras.Input(shape=(64,), name="right")
distance = layers.subtract([embedding(left), embedding(right)])
score = layers.Dense(1, activation="sigmoid")(distance)
siamese = keras.Model(inputs=[left, right], outputs=score)
siamese.summary()
"""

PROGRAMS["1D pooling: MaxPooling1D and AveragePooling1D"] = """
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    keras.Input(shape=(128, 9)),
    layers.Conv1D(32, 5, activation="relu"),
    layers.MaxPooling1D(2),
    layers.Conv1D(64, 5, activation="relu"),
    layers.AveragePooling1D(pool_size=2),
    layers.Conv1D(64, 3, activation="relu"),
    layers.GlobalAveragePooling1D(),
    layers.Dense(6, activation="softmax"),
])
model.summary()
"""

PROGRAMS["3D image classification: Conv3D and MaxPool3D"] = """
from tensorflow import keras
from tensorflow.keras import layers


def get_model(width=64, height=64, depth=32):
    inputs = keras.Input((width, height, depth, 1))

    x = layers.Conv3D(filters=32, kernel_size=3, activation="relu")(inputs)
    x = layers.MaxPool3D(pool_size=2)(x)
    x = layers.BatchNormalization()(x)

    x = layers.Conv3D(filters=64, kernel_size=3, activation="relu")(x)
    x = layers.MaxPool3D(pool_size=2)(x)
    x = layers.BatchNormalization()(x)

    x = layers.GlobalAveragePooling3D()(x)
    x = layers.Dense(units=64, activation="relu")(x)
    x = layers.Dropout(0.3)(x)
    outputs = layers.Dense(units=1, activation="sigmoid")(x)
    return keras.Model(inputs, outputs, name="3dcnn")


model = get_model(width=64, height=64, depth=32)
model.summary()
"""

PROGRAMS["VGG-style: ZeroPadding2D before each convolution, Cropping2D"] = """
from keras.models import Sequential
from keras.layers import ZeroPadding2D, Convolution2D, MaxPooling2D, Cropping2D
from keras.layers import Flatten, Dense, Input

model = Sequential()
model.add(Input(shape=(48, 48, 3)))
model.add(Cropping2D(cropping=((4, 4), (4, 4))))
model.add(ZeroPadding2D((1, 1)))
model.add(Convolution2D(32, (3, 3), activation="relu"))
model.add(ZeroPadding2D((1, 1)))
model.add(Convolution2D(32, (3, 3), activation="relu"))
model.add(MaxPooling2D((2, 2), strides=(2, 2)))
model.add(Flatten())
model.add(Dense(128, activation="relu"))
model.add(Dense(7, activation="softmax"))
model.summary()
"""

PROGRAMS["Fully convolutional segmentation with UpSampling2D"] = """
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(128, 128, 3))
x = layers.Conv2D(32, 3, strides=2, activation="relu", padding="same")(inputs)
x = layers.Conv2D(64, 3, strides=2, activation="relu", padding="same")(x)
x = layers.Conv2D(64, 3, activation="relu", padding="same")(x)
x = layers.UpSampling2D(size=2)(x)
x = layers.Conv2D(32, 3, activation="relu", padding="same")(x)
x = layers.UpSampling2D(size=(2, 2), interpolation="bilinear")(x)
outputs = layers.Conv2D(3, 1, activation="softmax", padding="same")(x)
model = keras.Model(inputs, outputs)
model.summary()
"""

PROGRAMS["Frozen layers: trainable=False and model.layers[0].trainable"] = """
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    keras.Input(shape=(784,)),
    layers.Dense(256, activation="relu", name="pretrained_1"),
    layers.Dense(128, activation="relu", name="pretrained_2", trainable=False),
    layers.BatchNormalization(),
    layers.Dense(10, activation="softmax", name="head"),
])
model.layers[0].trainable = False
model.summary()
"""

PROGRAMS["Regression tutorial: a Normalization layer first"] = """
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

normalizer = layers.Normalization(axis=-1)

dnn_model = keras.Sequential([
    keras.Input(shape=(9,)),
    normalizer,
    layers.Dense(64, activation="relu"),
    layers.Dense(64, activation="relu"),
    layers.Dense(1),
])
dnn_model.summary()
"""

PROGRAMS["Wide and deep: two inputs, Concatenate layer"] = """
from tensorflow import keras

input_wide = keras.layers.Input(shape=[5], name="wide_input")
input_deep = keras.layers.Input(shape=[6], name="deep_input")
hidden1 = keras.layers.Dense(30, activation="relu")(input_deep)
hidden2 = keras.layers.Dense(30, activation="relu")(hidden1)
concat = keras.layers.Concatenate()([input_wide, hidden2])
output = keras.layers.Dense(1, name="main_output")(concat)
aux_output = keras.layers.Dense(1, name="aux_output")(hidden2)
model = keras.Model(inputs=[input_wide, input_deep], outputs=[output, aux_output])
model.summary()
"""

PROGRAMS["Sentiment model: Embedding, SpatialDropout1D, GRU"] = """
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Embedding, SpatialDropout1D, GRU, Dense, Input

MAX_NB_WORDS = 50000
MAX_SEQUENCE_LENGTH = 250
EMBEDDING_DIM = 100

model = Sequential()
model.add(Input(shape=(MAX_SEQUENCE_LENGTH,)))
model.add(Embedding(MAX_NB_WORDS, EMBEDDING_DIM))
model.add(SpatialDropout1D(0.2))
model.add(GRU(100, dropout=0.2, recurrent_dropout=0.2))
model.add(Dense(5, activation="softmax"))
model.summary()
"""

PROGRAMS["Audio model: Reshape, Conv2D, average pooling, GaussianNoise"] = """
from tensorflow import keras
from tensorflow.keras import layers

n_mels, frames = 40, 98

inputs = keras.Input(shape=(frames, n_mels))
x = layers.Reshape((frames, n_mels, 1))(inputs)
x = layers.GaussianNoise(0.1)(x)
x = layers.Conv2D(32, (3, 3), padding="same", activation="relu")(x)
x = layers.AveragePooling2D((2, 2))(x)
x = layers.Conv2D(64, (3, 3), padding="same", activation="relu")(x)
x = layers.AveragePooling2D((2, 2))(x)
x = layers.GlobalMaxPooling2D()(x)
outputs = layers.Dense(12, activation="softmax")(x)
model = keras.Model(inputs, outputs, name="keyword_spotting")
model.summary()
"""

PROGRAMS["Cross-attention between two sequences"] = """
from tensorflow import keras
from tensorflow.keras import layers

query_input = keras.Input(shape=(10, 32), name="query")
context_input = keras.Input(shape=(20, 48), name="context")
attention = layers.MultiHeadAttention(num_heads=4, key_dim=16, value_dim=8)
attended, scores = attention(query_input, context_input, return_attention_scores=True)
x = layers.Add()([query_input, attended])
x = layers.LayerNormalization()(x)
x = layers.GlobalAveragePooling1D()(x)
outputs = layers.Dense(3, activation="softmax")(x)
model = keras.Model([query_input, context_input], outputs)
model.summary()
"""

PROGRAMS["Residual MLP with x + y and a shared Dense layer"] = """
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(16,))
shared = layers.Dense(16, activation="relu")
x = inputs
for _ in range(3):
    x = x + shared(x)
x = layers.LayerNormalization()(x)
outputs = layers.Dense(4)(x)
model = keras.Model(inputs, outputs)
model.summary()
"""

PROGRAMS["Forecasting tutorial: layers without an input shape"] = """
import tensorflow as tf

lstm_model = tf.keras.models.Sequential(
    [
        # Shape [batch, time, features] => [batch, time, lstm_units]
        tf.keras.layers.LSTM(32, return_sequences=True),
        # Shape => [batch, time, features]
        tf.keras.layers.Dense(units=1),
    ]
)
# no input shape yet: Keras builds the model when it first sees data
lstm_model.summary()
"""

PROGRAMS["Sentiment model, functional: the Embedding's mask reaches the GRU"] = """
from tensorflow import keras
from tensorflow.keras import layers

vocab_size = 5000
embed_dim = 32

tokens = keras.Input(shape=(None,), dtype="int32", name="tokens")
x = layers.Embedding(vocab_size, embed_dim, mask_zero=True)(tokens)
x = layers.Dropout(0.2)(x)
x = layers.Bidirectional(layers.GRU(16, return_sequences=True))(x)
x = layers.GlobalAveragePooling1D()(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(tokens, outputs, name="masked_sentiment")
model.summary()
"""

PROGRAMS["Question pairs: one masked encoder applied to both questions"] = """
import keras
from keras import layers

max_words = 8000

first = keras.Input(shape=(None,), name="first")
second = keras.Input(shape=(None,), name="second")
embed = layers.Embedding(max_words, 48, mask_zero=True)
encode = layers.LSTM(24)
a = encode(embed(first))
b = encode(embed(second))
merged = layers.concatenate([a, b, layers.subtract([a, b])])
same = layers.Dense(1, activation="sigmoid")(merged)
model = keras.Model(inputs=[first, second], outputs=same)
model.summary()
"""

PROGRAMS["Padded sensor sequences: a Masking layer before the LSTM"] = """
from tensorflow import keras
from tensorflow.keras import layers

n_channels = 6

readings = keras.Input(shape=(None, n_channels))
x = layers.Masking(mask_value=0.0)(readings)
x = layers.LSTM(20, return_sequences=True)(x)
x = layers.LSTM(20, return_sequences=True)(x)
scores = layers.TimeDistributed(layers.Dense(1))(x)
model = keras.Model(readings, scores)
model.summary()
"""

PROGRAMS["Book style: functools.partial for a default convolution"] = """
from functools import partial

import tensorflow as tf

Conv = partial(
    tf.keras.layers.Conv2D, kernel_size=3, padding="same", activation="relu"
)

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(32, 32, 3)),
    Conv(filters=32),
    Conv(filters=32, kernel_size=5),
    tf.keras.layers.MaxPool2D(),
    Conv(filters=64, strides=2),
    tf.keras.layers.GlobalAvgPool2D(),
    tf.keras.layers.Dense(10, activation="softmax"),
])
model.summary()
"""

PROGRAMS["Spectrogram classifier: Resizing and CenterCrop first"] = """
from tensorflow.keras import layers, models

input_shape = (98, 40, 1)
num_words = 6

model = models.Sequential([
    layers.Input(shape=input_shape),
    layers.Resizing(48, 48),
    layers.CenterCrop(40, 40),
    layers.Conv2D(16, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(num_words),
])
model.summary()
"""

PROGRAMS["Repository style: names imported in brackets, a trailing comma"] = """
from tensorflow.keras.layers import (
    Dense,
    Dropout,
    Input,
)
from tensorflow.keras.models import Model

features = Input(shape=(20,))
hidden = Dense(64, activation="relu")(features)
hidden = Dropout(0.3)(hidden)
price = Dense(1)(hidden)
model = Model(inputs=features, outputs=price)
model.summary()
"""

PROGRAMS["No input shape yet: pooling and dropout rows are built already"] = """
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Embedding(2000, 16),
    layers.Conv1D(32, 5, activation="relu"),
    layers.MaxPooling1D(2),
    layers.Dropout(0.3),
    layers.GlobalMaxPooling1D(),
    layers.Dense(3, activation="softmax"),
])
print(model.summary())
"""

PROGRAMS["No input shape yet, around a block that is built already"] = """
from tensorflow import keras
from tensorflow.keras import layers

features = keras.Sequential(
    [
        keras.Input(shape=(16,)),
        layers.Dense(32, activation="relu"),
        layers.Dense(8, activation="relu"),
    ],
    name="features",
)

model = keras.Sequential([
    layers.Dense(16, activation="relu"),
    features,
    layers.Dropout(0.1),
    layers.Dense(1),
])
model.summary()
"""

PROGRAMS["Refused: a Keras 2 module path"] = """
from tensorflow.keras.layers.experimental.preprocessing import Rescaling
from tensorflow.keras import layers, models

model = models.Sequential([
    layers.Input(shape=(64, 64, 3)),
    Rescaling(1.0 / 255),
    layers.Conv2D(8, 3, activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(2),
])
model.summary()
"""

PROGRAMS["Refused: a custom layer class"] = """
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class Sampling(layers.Layer):
    def call(self, inputs):
        z_mean, z_log_var = inputs
        epsilon = tf.random.normal(shape=tf.shape(z_mean))
        return z_mean + tf.exp(0.5 * z_log_var) * epsilon


latent_dim = 2
encoder_inputs = keras.Input(shape=(28, 28, 1))
x = layers.Conv2D(32, 3, activation="relu", strides=2, padding="same")(encoder_inputs)
x = layers.Flatten()(x)
x = layers.Dense(16, activation="relu")(x)
z_mean = layers.Dense(latent_dim, name="z_mean")(x)
z_log_var = layers.Dense(latent_dim, name="z_log_var")(x)
z = Sampling()([z_mean, z_log_var])
encoder = keras.Model(encoder_inputs, [z_mean, z_log_var, z], name="encoder")
encoder.summary()
"""

PROGRAMS["Refused: a Lambda layer"] = """
import tensorflow as tf

OUT_STEPS = 24
num_features = 14

multi_lstm_model = tf.keras.Sequential([
    tf.keras.Input(shape=(24, num_features)),
    tf.keras.layers.LSTM(32, return_sequences=False),
    tf.keras.layers.Dense(OUT_STEPS * num_features),
    tf.keras.layers.Lambda(lambda x: tf.reshape(x, [-1, OUT_STEPS, num_features])),
])
multi_lstm_model.summary()
"""

PROGRAMS["Refused: the input shape taken from the data"] = """
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X_train = np.zeros((100, 30, 1))

model = keras.Sequential()
model.add(layers.LSTM(64, input_shape=(X_train.shape[1], 1)))
model.add(layers.Dense(1))
model.summary()
"""

PROGRAMS["Refused: layers added in a loop over data"] = """
import json
from tensorflow import keras
from tensorflow.keras import layers

config = json.loads('{"units": [64, 32, 16]}')

model = keras.Sequential([keras.Input(shape=(8,))])
for units in config["units"]:
    model.add(layers.Dense(units, activation="relu"))
model.add(layers.Dense(1))
model.summary()
"""


def fresh_session():
    """Layer names start again at dense, dense_1, ..., as in a new Python session."""
    try:
        keras.utils.clear_session(free_memory=False)
    except (AttributeError, TypeError):  # Keras 2 has no keras.utils.clear_session
        keras.backend.clear_session()


for number, (title, source) in enumerate(PROGRAMS.items(), start=1):
    print(f"## {number}. {title}")
    print(source.strip())
    print("## printed")
    fresh_session()
    # as a terminal 92 columns wide shows them: 88 columns, as on the rest of this site
    try:
        with mock.patch.dict(os.environ, COLUMNS="92", JUPYTER_COLUMNS="92"):
            exec(source, {})
    except Exception as error:  # what a reader running the program would see
        print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
